import { Button, Card, Descriptions, Flex } from 'antd';
import { useParams } from 'react-router-dom';
import type { Membership } from '@linli/contracts/modules/volunteers';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { usePartnerDecide, usePartnerTeam } from '../api';
import { TeamColourTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

/** One of the organisation's teams: members (names masked, read-only) and join requests to approve or decline. */
export default function PartnerTeamPage() {
  const { id = '' } = useParams();
  const w = useVolunteersWords();
  const team = usePartnerTeam(id);
  const decide = usePartnerDecide({ success: 'app.done' });
  if (team.isLoading) return <Loading />;
  if (!team.data) return <ErrorAlert error={team.error} />;
  const t = team.data;
  const canDecide = t.allowedActions.includes('decide');
  const columns: DataColumn<Membership>[] = [
    { key: 'name', title: w.name, card: 'title', render: (m) => m.volunteerName },
    { key: 'role', title: w.roles.member, render: (m) => w.roles[m.role] },
    { key: 'status', title: w.status, card: 'extra', render: (m) => w.memberStatuses[m.status] },
    { key: 'joined', title: w.joinedOn, render: (m) => m.joinedOn ?? '—' },
    { key: 'left', title: w.leftOn, render: (m) => m.leftOn ?? '—' },
    { key: 'requested', title: w.createdAt, render: (m) => formatDateTime(m.requestedAt) },
    {
      key: 'act',
      title: '',
      card: 'actions',
      render: (m) =>
        canDecide && m.status === 'requested' ? (
          <Flex gap={4} wrap>
            <Button
              size="small"
              type="primary"
              loading={decide.isPending}
              onClick={() => decide.mutate({ memberId: m.id, approve: true })}
              data-testid={`partner-member-approve-${m.id}`}
            >
              {w.approve}
            </Button>
            <Button
              size="small"
              loading={decide.isPending}
              onClick={() => decide.mutate({ memberId: m.id, approve: false })}
              data-testid={`partner-member-decline-${m.id}`}
            >
              {w.decline}
            </Button>
          </Flex>
        ) : null,
    },
  ];
  const requests = t.members.filter((m) => m.status === 'requested').length;
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <span data-testid="partner-team-title">{t.name}</span>
            <TeamColourTag colour={t.colour} />
          </Flex>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={w.organisation}>{t.organisationName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={w.memberCount}>{t.memberCount}</Descriptions.Item>
          <Descriptions.Item label={w.partnerRequests}>{requests}</Descriptions.Item>
          <Descriptions.Item label={w.description}>{t.description ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={w.status}>
            {t.status === 'active' ? w.teamActive : w.teamDissolved}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <ErrorAlert error={decide.error} />
      <DataTable
        testId="partner-team-members"
        rowKey={(m) => m.id}
        columns={columns}
        items={t.members}
        empty={w.none}
      />
    </>
  );
}
