import { useState } from 'react';
import { Button, Empty, Flex, Form, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ActivityInput } from '@linli/contracts/modules/activities';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import { useCreateActivity, useLeadOverview } from '../api';
import {
  ActivityFields,
  type ActivityFormValues,
  defaultActivityValues,
  toActivityInput,
} from '../components/ActivityForm';
import { useActivitiesWords } from '../words';

/** 我组织的活动 on /m: a team leader's teams, their activities (QR screen and roster), and the publish form. */
export default function LeadPage() {
  const w = useActivitiesWords();
  const overview = useLeadOverview();
  const [publishing, setPublishing] = useState(false);
  const [form] = Form.useForm<ActivityFormValues>();
  const create = useCreateActivity({ form, success: 'app.done' });
  const { validate } = useSchemaForm();
  if (overview.isPending) return <Loading minHeight={120} />;
  if (!overview.data) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const { teams, activities } = overview.data;
  if (!teams.length)
    return (
      <>
        <Typography.Title level={2}>{w.lead}</Typography.Title>
        <Empty description={w.notLeader} />
      </>
    );
  const team = teams[0]!;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {w.lead}
        </Typography.Title>
        <Button type="primary" size="large" onClick={() => setPublishing((p) => !p)} data-testid="m-lead-create">
          {w.create}
        </Button>
      </Flex>
      <Flex gap={4} wrap style={{ margin: '8px 0' }}>
        {w.leadTeams}：
        {teams.map((t) => (
          <Tag key={t.id}>{t.name}</Tag>
        ))}
      </Flex>
      {publishing ? (
        <Form
          form={form}
          layout="vertical"
          size="large"
          initialValues={defaultActivityValues(team.areaCode, team.id)}
          onValuesChange={(changed: Partial<ActivityFormValues>) => {
            const t = teams.find((x) => x.id === changed.teamId);
            if (t) form.setFieldValue('areaCode', t.areaCode);
          }}
          onFinish={async (values) => {
            const input = validate(form, ActivityInput, toActivityInput(values));
            if (input)
              await create
                .mutateAsync({ base: '/m/activities/lead', input: toActivityInput(values) })
                .then(() => setPublishing(false));
          }}
        >
          <Form.Item name="areaCode" hidden>
            <input />
          </Form.Item>
          <ActivityFields
            form={form}
            staff={false}
            areas={[]}
            teams={teams.map((t) => ({ value: t.id, label: t.name }))}
          />
          <ErrorAlert error={create.alertError} />
          <Button type="primary" htmlType="submit" block loading={create.isPending} data-testid="m-lead-submit">
            {w.publish}
          </Button>
        </Form>
      ) : null}
      {!activities.length ? <Empty description={w.none} /> : null}
      <Flex vertical gap={8} data-testid="m-lead-list">
        {activities.map((a) => (
          <Link key={a.id} to={`/m/activities/lead/${a.id}`} data-testid={`m-lead-activity-${a.id}`}>
            <Flex justify="space-between" style={{ padding: '8px 0', borderBottom: '1px solid #eee' }}>
              <span>
                {a.title} · {formatDateTime(a.startsAt)}
              </span>
              <Tag>{w.statuses[a.status]}</Tag>
            </Flex>
          </Link>
        ))}
      </Flex>
    </>
  );
}
