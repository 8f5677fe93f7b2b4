import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { applyFieldErrors } from '../../../lib/errors';
import { exportLedger, useRequestExport, type ListFilter } from './api';

function UnmaskedExportModal({ filter, onClose }: { filter: ListFilter; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const request = useRequestExport();

  const handleFinish = ({ reason }: { reason: string }) => {
    request.mutate(
      { filter, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('care2.export.requested'));
          onClose();
        },
        onError: (err) => applyFieldErrors(form, err),
      },
    );
  };

  return (
    <Modal
      open
      title={t('care2.export.unmasked')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('app.submit')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={request.isPending}
      okButtonProps={{ 'data-testid': 'export-request-submit' }}
    >
      <Form form={form} layout="vertical" onFinish={handleFinish} initialValues={{ reason: '' }}>
        <Typography.Paragraph type="secondary">{t('care2.export.hint')}</Typography.Paragraph>
        <Form.Item
          name="reason"
          label={t('care2.reason')}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                (v ?? '').trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error(t('care2.export.reasonMin'))),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={300} autoFocus data-testid="export-request-reason" />
        </Form.Item>
      </Form>
      <ErrorAlert error={request.error} />
    </Modal>
  );
}

/** 导出台账 (masked, immediate download) and 申请不脱敏导出 (a request someone else approves), for the list's filters. */
export function ExportButtons({ filter }: { filter: ListFilter }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [requesting, setRequesting] = useState(false);

  const handleExport = () => {
    setError(null);
    setBusy(true);
    exportLedger(filter)
      .then(() => void message.success(t('care2.export.started')))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Flex wrap gap={8} justify="flex-end">
      <Button icon={<DownloadOutlined />} loading={busy} onClick={handleExport} data-testid="ledger-export">
        {t('care2.export.button')}
      </Button>
      <Can permission="care.client.reveal">
        <Button icon={<SafetyOutlined />} onClick={() => setRequesting(true)} data-testid="export-request">
          {t('care2.export.unmasked')}
        </Button>
      </Can>
      {error ? (
        <div style={{ flexBasis: '100%' }}>
          <ErrorAlert error={error} testId="ledger-export-error" />
        </div>
      ) : null}
      {requesting ? <UnmaskedExportModal filter={filter} onClose={() => setRequesting(false)} /> : null}
    </Flex>
  );
}
