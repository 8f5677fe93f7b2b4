import { Button, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Team } from '@linli/contracts/modules/volunteers';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { usePartnerTeams } from '../api';
import { TeamColourTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

/** 我们的志愿队伍 (a partner member): the teams the community registered for its organisation, and only those. */
export default function PartnerTeamsPage() {
  const w = useVolunteersWords();
  const navigate = useNavigate();
  const teams = usePartnerTeams();
  const open = (t: Team) => navigate(`/partner/volunteer-teams/${t.id}`);
  const columns: DataColumn<Team>[] = [
    { key: 'name', title: w.teamName, card: 'title', render: (t) => t.name },
    { key: 'colour', title: w.colour, card: 'extra', render: (t) => <TeamColourTag colour={t.colour} /> },
    { key: 'members', title: w.memberCount, render: (t) => t.memberCount },
    { key: 'status', title: w.status, render: (t) => (t.status === 'active' ? w.teamActive : w.teamDissolved) },
    {
      key: 'open',
      title: '',
      card: 'actions',
      render: (t) => (
        <Button size="small" onClick={() => open(t)} data-testid={`partner-team-open-${t.id}`}>
          {w.open}
        </Button>
      ),
    },
  ];
  const organisation = teams.data?.items[0]?.organisationName;
  return (
    <>
      <PageHeader title={w.partnerTeamsTitle} />
      <Typography.Paragraph type="secondary" data-testid="partner-teams-hint">
        {organisation ? `${organisation} · ` : ''}
        {w.partnerTeamsHint}
      </Typography.Paragraph>
      <DataTable<Team>
        testId="partner-teams"
        rowKey={(t) => t.id}
        columns={columns}
        items={teams.data?.items}
        query={teams}
        empty={w.noneTeams}
        onRowOpen={open}
        paging={{ pageSize: 50 }}
      />
    </>
  );
}
