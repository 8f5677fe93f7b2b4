import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Table } from 'antd';
import { useParams } from 'react-router-dom';
import { ActivityCancelInput, type ActivityRole } from '@linli/contracts/modules/activities';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useSchemaForm } from '../../../lib/schema-form';
import { type OrganiserBase, useActivity, useOrganiserStep } from '../api';
import { ActivityInfo, StatusTag } from '../components/ActivityInfo';
import { QrPanel } from '../components/QrPanel';
import { RosterView } from '../components/RosterView';
import { useActivitiesWords } from '../words';

export function RolesTable({ roles }: { roles: ActivityRole[] }) {
  const w = useActivitiesWords();
  return (
    <Table<ActivityRole>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={roles}
      data-testid="activity-roles"
      columns={[
        { key: 'name', title: w.roleName, render: (_, r) => r.name },
        { key: 'cap', title: w.capacity, render: (_, r) => r.capacity },
        { key: 'reg', title: w.registered, render: (_, r) => r.registered },
        { key: 'wait', title: w.waitlisted, render: (_, r) => r.waitlisted },
      ]}
    />
  );
}

export function CancelDialog({ base, id, onClose }: { base: OrganiserBase; id: string; onClose: () => void }) {
  const w = useActivitiesWords();
  const [form] = Form.useForm<{ reason: string }>();
  const step = useOrganiserStep({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  return (
    <FormModal
      title={w.cancel}
      form={form}
      onClose={onClose}
      error={step.alertError}
      okDanger
      okTestId="activity-cancel-ok"
      onSubmit={(v) => step.mutateAsync({ base, id, step: 'cancel', body: { reason: v.reason } }).then(onClose)}
    >
      <Form.Item
        name="reason"
        label={w.cancelReason}
        rules={rules(ActivityCancelInput.shape.reason, { required: true })}
      >
        <Input.TextArea rows={2} maxLength={200} data-testid="activity-cancel-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** An activity as staff see it: facts, roles, publish/cancel, the check-in QR screen, the roster and confirmation. */
export default function ActivityDetailPage() {
  const w = useActivitiesWords();
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const { modal } = App.useApp();
  const step = useOrganiserStep({ success: 'app.done' });
  const [qr, setQr] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  if (activity.isPending) return <Loading />;
  if (!activity.data) return <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />;
  const a = activity.data;
  const has = (x: (typeof a.allowedActions)[number]) => a.allowedActions.includes(x);
  return (
    <>
      <PageHeader title={a.title} extra={<StatusTag status={a.status} />} />
      <Flex vertical gap={16}>
        <Flex gap={8} wrap>
          {has('publish') ? (
            <Button
              type="primary"
              onClick={() =>
                modal.confirm({
                  content: w.publish,
                  onOk: () => step.mutateAsync({ base: '/activities', id, step: 'publish' }),
                })
              }
              data-testid="activity-publish"
            >
              {w.publish}
            </Button>
          ) : null}
          {has('checkin_code') ? (
            <Button type="primary" onClick={() => setQr(true)} data-testid="activity-show-qr">
              {w.qr}
            </Button>
          ) : null}
          {has('cancel') ? (
            <Button danger onClick={() => setCancelling(true)} data-testid="activity-cancel">
              {w.cancel}
            </Button>
          ) : null}
          <ErrorAlert error={step.error} />
        </Flex>
        <Card size="small">
          <ActivityInfo activity={a} />
        </Card>
        <RolesTable roles={a.roles} />
        <RosterView base="/activities" activityId={id} canManage={has('confirm')} />
      </Flex>
      {qr ? (
        <Modal open title={`${w.qr} · ${a.title}`} footer={null} onCancel={() => setQr(false)} width="100vw" centered>
          <QrPanel base="/activities" id={id} size={Math.min(480, window.innerWidth - 80)} />
        </Modal>
      ) : null}
      {cancelling ? <CancelDialog base="/activities" id={id} onClose={() => setCancelling(false)} /> : null}
    </>
  );
}
