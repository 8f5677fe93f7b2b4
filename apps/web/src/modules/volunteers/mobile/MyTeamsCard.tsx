import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { VolunteerRecord } from '@linli/contracts/modules/volunteers';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useJoinTeam, useLeaveTeam, useOpenTeams } from '../api';
import { TeamColourTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

/** My teams on /m: every spell (leave, or withdraw a request; a leader opens the team) and the teams to ask to join. */
export function MyTeamsCard({ record: r, active }: { record: VolunteerRecord; active: boolean }) {
  const w = useVolunteersWords();
  const navigate = useNavigate();
  const teams = useOpenTeams(active);
  const join = useJoinTeam({ success: () => w.mJoined });
  const leave = useLeaveTeam({ success: () => w.mLeft });
  const open = r.memberships.filter((m) => m.status === 'active' || m.status === 'requested');
  const openTeamIds = new Set(open.map((m) => m.teamId));
  return (
    <Card size="small" title={w.teams}>
      <List
        dataSource={r.memberships}
        locale={{ emptyText: w.noneTeams }}
        renderItem={(m) => (
          <List.Item
            data-testid={`m-vol-membership-${m.teamId}`}
            actions={
              m.status === 'active' || m.status === 'requested'
                ? [
                    <Button
                      key="leave"
                      size="small"
                      onClick={() => leave.mutate(m.id)}
                      data-testid={`m-vol-leave-${m.teamId}`}
                    >
                      {w.mLeave}
                    </Button>,
                  ]
                : []
            }
          >
            <Flex vertical>
              <Flex gap={4} align="center" wrap>
                <span>{m.teamName}</span>
                <TeamColourTag colour={m.teamColour} />
                <Tag>{w.memberStatuses[m.status]}</Tag>
                {m.role === 'leader' ? <Tag color="gold">{w.roles.leader}</Tag> : null}
              </Flex>
              <Typography.Text type="secondary">
                {m.joinedOn ?? ''}
                {m.leftOn ? ` – ${m.leftOn}` : ''}
              </Typography.Text>
              {m.role === 'leader' && m.status === 'active' ? (
                <Button
                  size="small"
                  type="link"
                  style={{ padding: 0 }}
                  onClick={() => navigate(`/m/volunteer/teams/${m.teamId}`)}
                  data-testid={`m-vol-lead-${m.teamId}`}
                >
                  {w.mLeadTeam}
                </Button>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
      <ErrorAlert error={leave.error ?? join.error} />
      {active ? (
        <>
          <Typography.Title level={5}>{w.mOpenTeams}</Typography.Title>
          <List
            dataSource={(teams.data?.items ?? []).filter((t) => !openTeamIds.has(t.id))}
            locale={{ emptyText: w.noneTeams }}
            renderItem={(t) => (
              <List.Item
                actions={[
                  <Button
                    key="join"
                    size="small"
                    type="primary"
                    onClick={() => join.mutate(t.id)}
                    data-testid={`m-vol-join-${t.id}`}
                  >
                    {w.mJoin}
                  </Button>,
                ]}
              >
                <Flex gap={4} align="center" wrap>
                  <span>{t.name}</span>
                  <TeamColourTag colour={t.colour} />
                  <Typography.Text type="secondary">{t.memberCount}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Card>
  );
}
