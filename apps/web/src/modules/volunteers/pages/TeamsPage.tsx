import { useState } from 'react';
import { Button, Flex, Form, Input, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { TEAM_COLOURS, TeamInput, type Team, type TeamColour } from '@linli/contracts/modules/volunteers';
import { Can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { useSession } from '../../auth';
import { OrganisationSelect } from '../../partners';
import { useSchemaForm } from '../../../lib/schema-form';
import { useCreateTeam, useTeams } from '../api';
import { TeamColourTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

function NewTeamDialog({ onClose }: { onClose: () => void }) {
  const w = useVolunteersWords();
  const navigate = useNavigate();
  const session = useSession();
  const [form] = Form.useForm<Record<string, unknown>>();
  const create = useCreateTeam({ form, success: 'app.done' });
  const { validate } = useSchemaForm();
  const communities = session.areas.filter((a) => a.level === 'community');
  return (
    <FormModal
      title={w.newTeam}
      form={form}
      onClose={onClose}
      error={create.alertError}
      okTestId="team-create-ok"
      initialValues={{ colour: 'red', areaCode: communities[0]?.code }}
      onSubmit={(values) => {
        const input = validate(form, TeamInput, values);
        if (!input) return;
        return create.mutateAsync(input).then((t) => {
          onClose();
          navigate(`/volunteer-teams/${t.id}`);
        });
      }}
    >
      <Form.Item name="areaCode" label={w.community} rules={[{ required: true }]}>
        <Select data-testid="team-area" options={communities.map((a) => ({ value: a.code, label: a.name }))} />
      </Form.Item>
      <Form.Item name="name" label={w.teamName} rules={[{ required: true }]}>
        <Input maxLength={60} data-testid="team-name" />
      </Form.Item>
      <Form.Item name="colour" label={w.colour} rules={[{ required: true }]}>
        <Select data-testid="team-colour" options={TEAM_COLOURS.map((c) => ({ value: c, label: w.colourLabel(c) }))} />
      </Form.Item>
      <Form.Item name="description" label={w.description}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="team-description" />
      </Form.Item>
      <Form.Item name="organisationId" label={w.organisationId}>
        <OrganisationSelect testId="team-organisation" ariaLabel={w.organisation} />
      </Form.Item>
    </FormModal>
  );
}

/** 志愿队伍 (staff): the teams of the jurisdiction in five colours. */
export default function TeamsPage() {
  const w = useVolunteersWords();
  const navigate = useNavigate();
  const [colour, setColour] = useState<TeamColour | undefined>();
  const teams = useTeams({ colour });
  const [creating, setCreating] = useState(false);
  const open = (t: Team) => navigate(`/volunteer-teams/${t.id}`);
  const columns: DataColumn<Team>[] = [
    { key: 'name', title: w.teamName, card: 'title', render: (t) => t.name },
    { key: 'colour', title: w.colour, card: 'extra', render: (t) => <TeamColourTag colour={t.colour} /> },
    { key: 'organisation', title: w.organisation, render: (t) => t.organisationName ?? '—' },
    { key: 'members', title: w.memberCount, render: (t) => t.memberCount },
    { key: 'status', title: w.status, render: (t) => (t.status === 'active' ? w.teamActive : w.teamDissolved) },
    {
      key: 'open',
      title: '',
      card: 'actions',
      render: (t) => (
        <Button size="small" onClick={() => open(t)} data-testid={`team-open-${t.id}`}>
          {w.open}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={w.teamsTitle}
        extra={
          <Can permission="volunteers.write">
            <Button type="primary" onClick={() => setCreating(true)} data-testid="team-new">
              {w.newTeam}
            </Button>
          </Can>
        }
      />
      <Flex vertical gap={16}>
        <Select
          allowClear
          value={colour}
          onChange={(c?: TeamColour) => setColour(c)}
          placeholder={w.anyColour}
          aria-label={w.colour}
          data-testid="team-colour-filter"
          style={{ maxWidth: 200 }}
          options={TEAM_COLOURS.map((c) => ({ value: c, label: w.colourLabel(c) }))}
        />
        <DataTable<Team>
          testId="teams"
          rowKey={(t) => t.id}
          columns={columns}
          items={teams.data?.items}
          query={teams}
          empty={w.noneTeams}
          onRowOpen={open}
          paging={{ pageSize: 50 }}
        />
      </Flex>
      {creating ? <NewTeamDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
