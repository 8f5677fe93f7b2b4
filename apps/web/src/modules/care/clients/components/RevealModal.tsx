import { useState } from 'react';
import { Form, Input, Typography } from 'antd';
import { RevealInput } from '@linli/contracts';
import { FormModal } from '../../../../components/FormModal';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import type { RevealInput as RevealInputValue } from '../../shared/types';
import { revealClientField } from '../api';

export type RevealField = RevealInputValue['field'];

/** Revealed phone numbers are tap-to-call links (a worker on a phone calls the client from here). */
const PHONE_FIELDS: readonly RevealField[] = ['phone', 'emergencyContactPhone'];

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
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ reason: string }>();
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  const handleSubmit = ({ reason }: { reason: string }) => {
    setError(null);
    return revealClientField(clientId, { field, reason: reason.trim() }).then((res) => setValue(res.value), setError);
  };

  return (
    <FormModal
      title={t('care.client.reveal.title', { field: t(`care.client.reveal.field.${field}`) })}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      okText={t('care.client.reveal.submit')}
      okTestId="reveal-submit"
      closeTestId="reveal-submit"
      error={error}
      result={
        value === undefined ? undefined : (
          <Typography.Paragraph
            copyable={value ? { text: value } : false}
            style={{ fontSize: 18 }}
            data-testid="reveal-value"
          >
            {value && PHONE_FIELDS.includes(field) ? (
              <a href={`tel:${value.replace(/[^\d+]/g, '')}`} data-testid="reveal-tel">
                {value}
              </a>
            ) : (
              (value ?? '—')
            )}
          </Typography.Paragraph>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('care.client.reveal.hint')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('care.client.reveal.reason')} rules={rules(RevealInput.shape.reason)}>
        <Input.TextArea
          rows={2}
          maxLength={schemaLimits(RevealInput.shape.reason).max}
          autoFocus
          data-testid="reveal-reason"
        />
      </Form.Item>
    </FormModal>
  );
}
