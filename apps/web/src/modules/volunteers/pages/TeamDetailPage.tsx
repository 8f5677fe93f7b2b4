import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Form, Input, Select } from 'antd';
import { useParams } from 'react-router-dom';
import { TEAM_COLOURS, type Membership, type TeamDetail } from '@linli/contracts/modules/volunteers';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { OrganisationSelect } from '../../partners';
import { useAddTeamMember, useTeam, useTeamMemberAction, useUpdateTeam, useVolunteers } from '../api';
import { TeamColourTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

function AddMemberDialog({ team, onClose }: { team: TeamDetail; onClose: () => void }) {
  const w = useVolunteersWords();
  const [form] = Form.useForm<{ volunteerId: string; role: 'member' | 'leader' }>();
  const add = useAddTeamMember({ form, success: 'app.done' });
  const volunteers = useVolunteers({ status: 'active', page: 1, pageSize: 100 });
  const current = new Set(team.members.filter((m) => m.status === 'active').map((m) => m.volunteerId));
  return (
    <FormModal
      title={w.addMember}
      form={form}
      onClose={onClose}
      error={add.alertError}
      okTestId="team-member-add-ok"
      initialValues={{ role: 'member' }}
      onSubmit={(v) => add.mutateAsync({ id: team.id, ...v }).then(onClose)}
    >
      <Form.Item name="volunteerId" label={w.volunteerId} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="team-member-volunteer"
          options={(volunteers.data?.items ?? [])
            .filter((v) => v.areaCode === team.areaCode && !current.has(v.id))
            .map((v) => ({ value: v.id, label: `${v.nameMasked} ${v.idNumberMasked}` }))}
        />
      </Form.Item>
      <Form.Item name="role" label={w.roles.member}>
        <Select
          data-testid="team-member-role"
          options={[
            { value: 'member', label: w.roles.member },
            { value: 'leader', label: w.roles.leader },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}

function EditTeamDialog({ team, onClose }: { team: TeamDetail; onClose: () => void }) {
  const w = useVolunteersWords();
  const [form] = Form.useForm<{
    name: string;
    colour: TeamDetail['colour'];
    description?: string;
    organisationId?: string;
    status: 'active' | 'dissolved';
  }>();
  const update = useUpdateTeam({ form, success: 'app.done' });
  return (
    <FormModal
      title={w.edit}
      form={form}
      onClose={onClose}
      error={update.alertError}
      okTestId="team-edit-ok"
      initialValues={{
        name: team.name,
        colour: team.colour,
        description: team.description ?? '',
        organisationId: team.organisationId ?? undefined,
        status: team.status,
      }}
      onSubmit={(v) =>
        update
          .mutateAsync({
            id: team.id,
            ...v,
            description: v.description || undefined,
            organisationId: v.organisationId || undefined,
          })
          .then(onClose)
      }
    >
      <Form.Item name="name" label={w.teamName} rules={[{ required: true }]}>
        <Input maxLength={60} data-testid="team-edit-name" />
      </Form.Item>
      <Form.Item name="colour" label={w.colour} rules={[{ required: true }]}>
        <Select
          data-testid="team-edit-colour"
          options={TEAM_COLOURS.map((c) => ({ value: c, label: w.colourLabel(c) }))}
        />
      </Form.Item>
      <Form.Item name="description" label={w.description}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="team-edit-description" />
      </Form.Item>
      <Form.Item name="organisationId" label={w.organisationId}>
        <OrganisationSelect
          testId="team-edit-organisation"
          ariaLabel={w.organisation}
          selected={team.organisationId ? { id: team.organisationId, name: team.organisationName ?? '' } : null}
        />
      </Form.Item>
      <Form.Item name="status" label={w.status}>
        <Select
          data-testid="team-edit-status"
          options={[
            { value: 'active', label: w.teamActive },
            { value: 'dissolved', label: w.teamDissolved },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}

/** A team: its members with joining and leaving dates (the history is kept), leaders, join requests. */
export default function TeamDetailPage() {
  const { id = '' } = useParams();
  const w = useVolunteersWords();
  const team = useTeam(id);
  const act = useTeamMemberAction({ success: 'app.done' });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  if (team.isLoading) return <Loading />;
  if (!team.data) return <ErrorAlert error={team.error} />;
  const t = team.data;
  const manage = t.allowedActions.includes('members');
  const run = (m: Membership, action: 'decide' | 'role' | 'end', body?: object) =>
    act.mutate({ memberId: m.id, action, body });
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
        !manage ? null : (
          <Flex gap={4} wrap>
            {m.status === 'requested' ? (
              <>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => run(m, 'decide', { approve: true })}
                  data-testid={`member-approve-${m.id}`}
                >
                  {w.approve}
                </Button>
                <Button
                  size="small"
                  onClick={() => run(m, 'decide', { approve: false })}
                  data-testid={`member-decline-${m.id}`}
                >
                  {w.decline}
                </Button>
              </>
            ) : null}
            {m.status === 'active' ? (
              <>
                <Button
                  size="small"
                  onClick={() => run(m, 'role', { role: m.role === 'leader' ? 'member' : 'leader' })}
                  data-testid={`member-role-${m.id}`}
                >
                  {m.role === 'leader' ? w.makeMember : w.makeLeader}
                </Button>
                <Button size="small" danger onClick={() => run(m, 'end')} data-testid={`member-end-${m.id}`}>
                  {w.endMember}
                </Button>
              </>
            ) : null}
          </Flex>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <span data-testid="team-title">{t.name}</span>
            <TeamColourTag colour={t.colour} />
          </Flex>
        }
        extra={
          manage ? (
            <Flex gap={8} wrap>
              <Button onClick={() => setEditing(true)} data-testid="team-edit">
                {w.edit}
              </Button>
              <Button type="primary" onClick={() => setAdding(true)} data-testid="team-member-add">
                {w.addMember}
              </Button>
            </Flex>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={w.memberCount}>{t.memberCount}</Descriptions.Item>
          <Descriptions.Item label={w.description}>{t.description ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={w.organisation}>
            <span data-testid="team-organisation-name">{t.organisationName ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={w.status}>
            {t.status === 'active' ? w.teamActive : w.teamDissolved}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <ErrorAlert error={act.error} />
      <DataTable testId="team-members" rowKey={(m) => m.id} columns={columns} items={t.members} empty={w.none} />
      {editing ? <EditTeamDialog team={t} onClose={() => setEditing(false)} /> : null}
      {adding ? <AddMemberDialog team={t} onClose={() => setAdding(false)} /> : null}
    </>
  );
}
