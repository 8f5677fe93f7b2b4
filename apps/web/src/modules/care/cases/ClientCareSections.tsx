import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { CLIENT_STATUSES } from '@linli/contracts';
import { Can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { ClientDetail, ClientStatus } from '../../../lib/types';
import { useCases, useSetClientStatus } from './api';
import { CasePlanModal } from './CasePlanModal';
import { CaseStatusTag } from './CaseTags';
import { ConsentsCard } from './ConsentsCard';
import { applyNestedFieldErrors } from './form-errors';
import { ReferralsCard } from './ReferralsCard';
import { SimpleList } from './SimpleList';

function CasesCard({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const cases = useCases();
  const [opening, setOpening] = useState(false);
  const items = (cases.data?.items ?? []).filter((c) => c.clientId === clientId);
  return (
    <Card
      size="small"
      title={t('care2.section.cases')}
      extra={
        <Can permission="care.case.write">
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="case-open-new">
            {t('care2.section.openCase')}
          </Button>
        </Can>
      }
    >
      <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
      <SimpleList
        testId="client-cases"
        loading={cases.isPending && !cases.error}
        items={items}
        rowKey={(c) => c.id}
        empty={t('care2.cases.none')}
        renderItem={(c) => (
          <Flex wrap gap={8} align="center">
            <Link to={`/care/cases/${c.id}`} data-testid={`client-case-${c.id}`}>
              {t('care2.case.openedAt')} {formatDateTime(c.openedAt)}
            </Link>
            <CaseStatusTag status={c.status} />
          </Flex>
        )}
      />
      {opening ? (
        <CasePlanModal
          clientId={clientId}
          onClose={(saved) => {
            setOpening(false);
            if (saved) void navigate(`/care/cases/${saved.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}

interface StatusValues {
  status?: ClientStatus;
  resumeOn?: Dayjs | null;
  reason?: string;
}

function StatusModal({ client, onClose }: { client: ClientDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<StatusValues>();
  const setStatus = useSetClientStatus();
  const status = Form.useWatch('status', form);

  const handleFinish = (v: StatusValues) => {
    const input = {
      version: client.version,
      status: v.status as ClientStatus,
      resumeOn: v.status === 'paused' && v.resumeOn ? v.resumeOn.format('YYYY-MM-DD') : undefined,
      reason: (v.reason ?? '').trim(),
    };
    setStatus.mutate({ clientId: client.id, input }, { onSuccess: onClose, onError: (err) => applyNestedFieldErrors(form, err) });
  };

  return (
    <Modal open title={t('care2.status.change')} onCancel={onClose} destroyOnHidden okText={t('app.submit')} cancelText={t('app.cancel')}
      onOk={() => form.submit()} confirmLoading={setStatus.isPending} okButtonProps={{ 'data-testid': 'status-submit' }}>
      <Form form={form} layout="vertical" onFinish={handleFinish} initialValues={{ reason: '', resumeOn: null }}>
        <Form.Item name="status" label={t('care2.status.new')} rules={[{ required: true, message: t('care2.required') }]}>
          <Select
            options={CLIENT_STATUSES.filter((s) => s !== client.status).map((s) => ({ value: s, label: t(`care.status.${s}`) }))}
            data-testid="status-select"
          />
        </Form.Item>
        {status === 'paused' ? (
          <Form.Item name="resumeOn" label={t('care2.status.resumeOn')}>
            <DatePicker style={{ width: '100%' }} data-testid="status-resume-on" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={t('care2.reason')}
          rules={[{ validator: (_, v: string | undefined) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('care2.minChars', { n: 2 })))) }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="status-reason" />
        </Form.Item>
      </Form>
      <ErrorAlert error={setStatus.error} testId="status-error" />
    </Modal>
  );
}

function StatusCard({ client }: { client: ClientDetail }) {
  const { t } = useI18n();
  const [changing, setChanging] = useState(false);
  return (
    <Card size="small" title={t('care2.section.status')}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Typography.Text data-testid="client-status" data-status={client.status}>
          {t('care2.status.current')}：{t(`care.status.${client.status}`)}
        </Typography.Text>
        <Can allowed={client.allowedActions} action="update">
          <Button size="small" onClick={() => setChanging(true)} data-testid="status-change">
            {t('care2.status.change')}
          </Button>
        </Can>
      </Flex>
      {changing ? <StatusModal client={client} onClose={() => setChanging(false)} /> : null}
    </Card>
  );
}

/** Cases, consent, referrals and service status of one client; inserted once into the client detail page. */
export function ClientCareSections({ client }: { client: ClientDetail }) {
  return (
    <>
      <CasesCard clientId={client.id} />
      <ConsentsCard clientId={client.id} />
      <ReferralsCard clientId={client.id} />
      <StatusCard client={client} />
    </>
  );
}
