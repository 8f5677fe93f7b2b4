import { App, Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { ResidentProfile } from '@linli/contracts/modules/residents';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { dropSession, NewPasswordFields } from '../../auth';
import { useChangePassword, useRequestLink } from '../api';
import { fill, useResidentsWords } from '../words';

/** What a linked resident sees of their record: the next visit's window and their worker's name. */
export function CareCard({ care }: { care: NonNullable<ResidentProfile['care']> }) {
  const w = useResidentsWords();
  const visit = care.nextVisit;
  return (
    <Card size="small" data-testid="m-care">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={w.nextVisit}>
          <span data-testid="m-next-visit">
            {visit ? fill(w.visitWindow, { start: visit.windowStart, end: visit.windowEnd }) : w.noVisit}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={w.worker}>
          <span data-testid="m-worker">{care.workerName ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The link request: ask, see it waiting or refused, or the record once linked. */
export function LinkSection({ profile }: { profile: ResidentProfile }) {
  const w = useResidentsWords();
  const ask = useRequestLink();
  if (profile.care) return <CareCard care={profile.care} />;
  const status = profile.link?.status;
  return (
    <Card size="small" title={w.link}>
      <Typography.Paragraph>{w.linkHint}</Typography.Paragraph>
      {status === 'pending' ? <Alert type="info" showIcon title={w.linkPending} data-testid="m-link-pending" /> : null}
      {status === 'rejected' ? <Alert type="warning" showIcon title={w.linkRejected} /> : null}
      <ErrorAlert error={ask.alertError} />
      {status !== 'pending' ? (
        <Button onClick={() => ask.mutate()} loading={ask.isPending} data-testid="m-link-ask" style={{ marginTop: 8 }}>
          {w.linkAsk}
        </Button>
      ) : null}
    </Card>
  );
}

/** 修改密码: the user's own password change (the same rules as staff); signs out after it. */
export function ChangePasswordCard() {
  const w = useResidentsWords();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string }>();
  const change = useChangePassword({ form });
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
    void message.success(w.passwordChanged);
    dropSession(queryClient);
    navigate('/m/login', { replace: true });
  };
  return (
    <Card size="small" title={w.changePassword}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v).catch(() => undefined)} requiredMark={false}>
        <Form.Item name="currentPassword" label={w.currentPassword} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" maxLength={256} />
        </Form.Item>
        <NewPasswordFields differentFrom="currentPassword" />
        <ErrorAlert error={change.alertError} />
        <Button htmlType="submit" loading={change.isPending}>
          {w.changePassword}
        </Button>
      </Form>
    </Card>
  );
}
