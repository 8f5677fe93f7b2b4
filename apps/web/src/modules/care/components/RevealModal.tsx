import { useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import type { RevealInput } from '../../../lib/types';
import { revealClientField } from '../api';

export type RevealField = RevealInput['field'];

interface RevealModalProps {
  clientId: string;
  field: RevealField;
  onClose: () => void;
}

/**
 * Asks why the full value is needed (the reason is audited), then shows it here only. The value is held in
 * this modal's state and dropped when it closes; it never enters the query cache.
 */
export function RevealModal({ clientId, field, onClose }: RevealModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const revealed = value !== undefined;

  const handleFinish = ({ reason }: { reason: string }) => {
    setError(null);
    setLoading(true);
    revealClientField(clientId, { field, reason: reason.trim() })
      .then((res) => setValue(res.value))
      .catch(setError)
      .finally(() => setLoading(false));
  };

  return (
    <Modal
      open
      title={t('care.reveal.title', { field: t(`care.reveal.field.${field}`) })}
      onCancel={onClose}
      destroyOnHidden
      okText={revealed ? t('app.close') : t('care.reveal.submit')}
      cancelText={t('app.cancel')}
      cancelButtonProps={revealed ? { style: { display: 'none' } } : undefined}
      onOk={() => (revealed ? onClose() : form.submit())}
      confirmLoading={loading}
      okButtonProps={{ 'data-testid': 'reveal-submit' }}
    >
      {revealed ? (
        <Typography.Paragraph copyable={value ? { text: value } : false} style={{ fontSize: 18 }} data-testid="reveal-value">
          {value ?? '—'}
        </Typography.Paragraph>
      ) : (
        <Form form={form} layout="vertical" onFinish={handleFinish}>
          <Typography.Paragraph type="secondary">{t('care.reveal.hint')}</Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t('care.reveal.reason')}
            rules={[
              {
                validator: (_, v: string | undefined) =>
                  (v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('care.reveal.reasonRequired'))),
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} autoFocus data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      )}
      <ErrorAlert error={error} />
    </Modal>
  );
}
