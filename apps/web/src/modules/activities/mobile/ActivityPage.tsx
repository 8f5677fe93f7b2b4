import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useCancelSignup, useOpenActivity, useSignup } from '../api';
import { ActivityInfo } from '../components/ActivityInfo';
import { useActivitiesWords } from '../words';

/** An activity on /m: its facts, its roles with places left (sign up for one), the volunteer's state, cancel. */
export default function ActivityPage() {
  const w = useActivitiesWords();
  const { id = '' } = useParams();
  const { modal } = App.useApp();
  const activity = useOpenActivity(id);
  const signup = useSignup({ success: 'app.done' });
  const cancel = useCancelSignup({ success: 'app.done' });
  if (activity.isPending) return <Loading minHeight={120} />;
  if (!activity.data) return <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />;
  const a = activity.data;
  const mine = a.mine;
  return (
    <>
      <Typography.Title level={2}>{a.title}</Typography.Title>
      <Flex vertical gap={12}>
        <Card size="small">
          <ActivityInfo activity={a} />
        </Card>
        {mine ? (
          <Card size="small" data-testid="m-activity-mine">
            <Flex vertical gap={8}>
              <Flex gap={8} align="center">
                <Tag color="blue" data-testid="m-activity-my-state">
                  {w.states[mine.state]}
                </Tag>
                <Typography.Text>{a.roles.find((r) => r.id === mine.roleId)?.name}</Typography.Text>
                {mine.waitlistPosition ? (
                  <Typography.Text type="secondary">
                    {w.fill(w.waitlistPos, { n: mine.waitlistPosition })}
                  </Typography.Text>
                ) : null}
              </Flex>
              {mine.minutes !== null ? (
                <Typography.Text>
                  {w.minutes}：{mine.minutes}
                </Typography.Text>
              ) : null}
              {mine.state === 'registered' || mine.state === 'waitlisted' ? (
                <Button
                  size="large"
                  danger
                  onClick={() => modal.confirm({ content: w.cancelSignupConfirm, onOk: () => cancel.mutateAsync(id) })}
                  data-testid="m-activity-cancel"
                >
                  {w.cancelSignup}
                </Button>
              ) : null}
            </Flex>
          </Card>
        ) : null}
        <ErrorAlert error={signup.error ?? cancel.error} />
        {!mine && a.signupOpen ? (
          <Flex vertical gap={8} data-testid="m-activity-roles">
            {a.roles.map((r, i) => (
              <Card size="small" key={r.id}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Flex vertical>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {w.registered} {r.registered}/{r.capacity}
                      {r.waitlisted ? ` · ${w.waitlisted} ${r.waitlisted}` : ''}
                    </Typography.Text>
                  </Flex>
                  <Button
                    type="primary"
                    size="large"
                    loading={signup.isPending}
                    onClick={() => signup.mutate({ id, roleId: r.id })}
                    data-testid={`m-activity-signup-${i}`}
                  >
                    {r.registered >= r.capacity ? `${w.signup}（${w.waitlisted}）` : w.signup}
                  </Button>
                </Flex>
              </Card>
            ))}
          </Flex>
        ) : null}
        {!mine && !a.signupOpen ? <Typography.Text type="secondary">{w.signupNotOpen}</Typography.Text> : null}
      </Flex>
    </>
  );
}
