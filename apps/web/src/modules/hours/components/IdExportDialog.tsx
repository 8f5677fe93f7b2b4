import { Form, Input, Typography } from 'antd';
import { IdExportRequestInput } from '@linli/contracts/modules/hours';
import { FormModal } from '../../../components/FormModal';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useRequestIdExport } from '../api';
import { useHoursWords } from '../words';

const reasonSchema = IdExportRequestInput.shape.reason;

/**
 * 申请导出全量身份证号: asks, with a reason, for the national CSV with full ID numbers of the ledger's area and period;
 * someone else approves it on the 全量导出申请 tab, where the requester then downloads it once.
 */
export function IdExportDialog({
  query,
  onClose,
}: {
  query: { areaCode?: string | undefined; from?: string | undefined; to?: string | undefined };
  onClose: () => void;
}) {
  const w = useHoursWords();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ reason: string }>();
  const request = useRequestIdExport({ form, success: 'app.done' });
  return (
    <FormModal
      title={w.idExportTitle}
      form={form}
      onSubmit={({ reason }) => request.mutateAsync({ ...query, reason: reason.trim() }).then(onClose)}
      onClose={onClose}
      okTestId="hours-id-export-submit"
      error={request.alertError}
      initialValues={{ reason: '' }}
    >
      <Typography.Paragraph type="secondary">{w.idExportHint}</Typography.Paragraph>
      <Form.Item name="reason" label={w.reason} rules={rules(reasonSchema)}>
        <Input.TextArea
          rows={3}
          maxLength={schemaLimits(reasonSchema).max}
          autoFocus
          data-testid="hours-id-export-reason"
        />
      </Form.Item>
    </FormModal>
  );
}
