import { useState } from 'react';
import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { ExportRequestInput } from '@linli/contracts';
import { Can } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { FormModal } from '../../../../components/FormModal';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import { useRequestExport } from '../../exports/api';
import { exportLedger, type ListFilter } from '../api';

const reasonSchema = ExportRequestInput.shape.reason;

function UnmaskedExportModal({ filter, onClose }: { filter: ListFilter; onClose: () => void }) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ reason: string }>();
  const request = useRequestExport({ form, success: 'care.ledger.export.requested' });

  return (
    <FormModal
      title={t('care.ledger.export.unmasked')}
      form={form}
      onSubmit={({ reason }) => request.mutateAsync({ filter, reason: reason.trim() }).then(onClose)}
      onClose={onClose}
      okTestId="export-request-submit"
      error={request.alertError}
      initialValues={{ reason: '' }}
    >
      <Typography.Paragraph type="secondary">{t('care.ledger.export.hint')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('app.reason')} rules={rules(reasonSchema)}>
        <Input.TextArea
          rows={3}
          maxLength={schemaLimits(reasonSchema).max}
          autoFocus
          data-testid="export-request-reason"
        />
      </Form.Item>
    </FormModal>
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
    if (busy) return;
    setError(null);
    setBusy(true);
    exportLedger(filter)
      .then(() => void message.success(t('care.ledger.export.started')))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Flex wrap gap={8} justify="flex-end">
      <Button icon={<DownloadOutlined />} loading={busy} onClick={handleExport} data-testid="ledger-export">
        {t('care.ledger.export.button')}
      </Button>
      <Can permission="care.client.reveal">
        <Button icon={<SafetyOutlined />} onClick={() => setRequesting(true)} data-testid="export-request">
          {t('care.ledger.export.unmasked')}
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
