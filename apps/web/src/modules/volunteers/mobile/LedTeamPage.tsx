import { Button, Flex, List, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useLeaderDecide, useLedTeam } from '../api';
import { TeamColourTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

/** A team leader on /m: the team's members and the join requests to approve or decline. */
export default function LedTeamPage() {
  const { id = '' } = useParams();
  const w = useVolunteersWords();
  const team = useLedTeam(id);
  const decide = useLeaderDecide({ success: 'app.done' });
  if (team.isLoading) return <Loading />;
  if (!team.data) return <ErrorAlert error={team.error} />;
  const t = team.data;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t.name}
        </Typography.Title>
        <TeamColourTag colour={t.colour} />
      </Flex>
      <ErrorAlert error={decide.error} />
      <List
        dataSource={t.members.filter((m) => m.status === 'active' || m.status === 'requested')}
        locale={{ emptyText: w.none }}
        renderItem={(m) => (
          <List.Item
            data-testid={`m-lead-member-${m.id}`}
            actions={
              m.status === 'requested'
                ? [
                    <Button
                      key="ok"
                      type="primary"
                      size="small"
                      onClick={() => decide.mutate({ memberId: m.id, approve: true })}
                      data-testid={`m-lead-approve-${m.id}`}
                    >
                      {w.approve}
                    </Button>,
                    <Button
                      key="no"
                      size="small"
                      onClick={() => decide.mutate({ memberId: m.id, approve: false })}
                      data-testid={`m-lead-decline-${m.id}`}
                    >
                      {w.decline}
                    </Button>,
                  ]
                : []
            }
          >
            <Flex gap={4} wrap align="center">
              <span>{m.volunteerName}</span>
              <Tag>{w.memberStatuses[m.status]}</Tag>
              {m.role === 'leader' ? <Tag color="gold">{w.roles.leader}</Tag> : null}
              <Typography.Text type="secondary">{m.joinedOn ?? ''}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}
