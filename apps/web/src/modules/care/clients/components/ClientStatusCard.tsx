import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { CLIENT_STATUSES, ClientStatusInput } from '@linli/contracts';
import { Can } from '../../../../components/Can';
import { FormModal } from '../../../../components/FormModal';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import type { ClientDetail, ClientStatus } from '../../shared/types';
import { useSetClientStatus } from '../api';

interface StatusValues {
  status?: ClientStatus;
  resumeOn?: Dayjs | null;
  reason?: string;
}

function StatusModal({ client, onClose }: { client: ClientDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { rules, validate } = useSchemaForm();
  const [form] = Form.useForm<StatusValues>();
  const setStatus = useSetClientStatus({ form, success: 'app.done' });
  const status = Form.useWatch('status', form);

  const handleSubmit = (v: StatusValues) => {
    const input = validate(form, ClientStatusInput, {
      version: client.version,
      status: v.status,
      resumeOn: v.status === 'paused' && v.resumeOn ? v.resumeOn.format('YYYY-MM-DD') : undefined,
      reason: (v.reason ?? '').trim(),
    });
    return input ? setStatus.mutateAsync({ clientId: client.id, input }).then(onClose) : undefined;
  };

  return (
    <FormModal
      title={t('care.client.status.change')}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      initialValues={{ reason: '', resumeOn: null }}
      okTestId="status-submit"
      error={setStatus.alertError}
      errorTestId="status-error"
    >
      <Form.Item name="status" label={t('care.client.status.new')} rules={rules(ClientStatusInput.shape.status)}>
        <Select
          options={CLIENT_STATUSES.filter((s) => s !== client.status).map((s) => ({
            value: s,
            label: t(`care.status.${s}`),
          }))}
          data-testid="status-select"
        />
      </Form.Item>
      {status === 'paused' ? (
        <Form.Item name="resumeOn" label={t('care.client.status.resumeOn')}>
          <DatePicker style={{ width: '100%' }} data-testid="status-resume-on" />
        </Form.Item>
      ) : null}
      <Form.Item name="reason" label={t('app.reason')} rules={rules(ClientStatusInput.shape.reason)}>
        <Input.TextArea
          rows={2}
          maxLength={schemaLimits(ClientStatusInput.shape.reason).max}
          data-testid="status-reason"
        />
      </Form.Item>
    </FormModal>
  );
}

/** The client's service status, with "change status" (pause with a resume date, move out, close…). */
export function ClientStatusCard({ client }: { client: ClientDetail }) {
  const { t } = useI18n();
  const [changing, setChanging] = useState(false);
  return (
    <Card size="small" title={t('care.client.status.title')}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Typography.Text data-testid="client-status" data-status={client.status}>
          {t('care.client.status.current')}：{t(`care.status.${client.status}`)}
        </Typography.Text>
        <Can allowed={client.allowedActions} action="update">
          <Button size="small" onClick={() => setChanging(true)} data-testid="status-change">
            {t('care.client.status.change')}
          </Button>
        </Can>
      </Flex>
      {changing ? <StatusModal client={client} onClose={() => setChanging(false)} /> : null}
    </Card>
  );
}
