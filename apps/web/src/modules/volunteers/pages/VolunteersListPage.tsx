import { Button, Flex, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { z } from 'zod';
import {
  VOLUNTEER_SKILLS,
  VOLUNTEER_STATUSES,
  VolunteerSkill,
  VolunteerStatus,
  type VolunteerList,
} from '@linli/contracts/modules/volunteers';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useListState } from '../../../lib/use-list-state';
import { useTeams, useVolunteers } from '../api';
import { VolunteerStatusTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

type Item = VolunteerList['items'][number];
const LIST = { url: { status: VolunteerStatus, skill: VolunteerSkill, teamId: z.uuid() } };

/** 志愿者 (staff): the volunteers of the jurisdiction, masked, by status, team and skill. */
export default function VolunteersListPage() {
  const w = useVolunteersWords();
  const navigate = useNavigate();
  const list = useListState(LIST);
  const volunteers = useVolunteers({
    status: list.filters.status,
    skill: list.filters.skill,
    teamId: list.filters.teamId,
    page: list.page,
    pageSize: list.pageSize,
  });
  const teams = useTeams();
  const open = (v: Item) => navigate(`/volunteers/${v.id}`);

  const columns: DataColumn<Item>[] = [
    { key: 'name', title: w.name, card: 'title', render: (i) => i.nameMasked },
    { key: 'status', title: w.status, card: 'extra', render: (i) => <VolunteerStatusTag status={i.status} /> },
    { key: 'id', title: w.idNumber, render: (i) => i.idNumberMasked },
    { key: 'skills', title: w.skills, render: (i) => i.skills.map(w.skill).join('、') || '—' },
    { key: 'availability', title: w.availability, render: (i) => i.availability.map(w.avail).join('、') || '—' },
    { key: 'createdAt', title: w.createdAt, render: (i) => formatDateTime(i.createdAt) },
    {
      key: 'open',
      title: '',
      card: 'actions',
      render: (i) => (
        <Button size="small" onClick={() => open(i)} data-testid={`volunteer-open-${i.id}`}>
          {w.open}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            value={list.filters.status}
            onChange={(status?: VolunteerStatus) => list.setFilters({ status })}
            placeholder={w.anyStatus}
            aria-label={w.status}
            data-testid="volunteer-status-filter"
            style={{ minWidth: 160 }}
            options={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: w.statuses[s] }))}
          />
          <Select
            allowClear
            value={list.filters.skill}
            onChange={(skill?: VolunteerSkill) => list.setFilters({ skill })}
            placeholder={w.anySkill}
            aria-label={w.skills}
            data-testid="volunteer-skill-filter"
            style={{ minWidth: 160 }}
            options={VOLUNTEER_SKILLS.map((s) => ({ value: s, label: w.skill(s) }))}
          />
          <Select
            allowClear
            value={list.filters.teamId}
            onChange={(teamId?: string) => list.setFilters({ teamId })}
            placeholder={w.anyTeam}
            aria-label={w.teams}
            data-testid="volunteer-team-filter"
            style={{ minWidth: 200 }}
            options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
          />
        </Flex>
        <DataTable<Item>
          testId="volunteers"
          rowKey={(i) => i.id}
          columns={columns}
          items={volunteers.data?.items}
          query={volunteers}
          empty={w.none}
          onRowOpen={open}
          paging={{ page: list.page, pageSize: list.pageSize, total: volunteers.data?.total, onChange: list.setPage }}
        />
      </Flex>
    </>
  );
}
