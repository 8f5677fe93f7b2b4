import { useState } from 'react';
import { Button, Card, Flex, Select, Tag } from 'antd';
import {
  COMMITMENT_STATUSES,
  type AllianceDetail,
  type CommitmentStatus,
} from '@linli/contracts/modules/organisations';
import { useParams } from 'react-router-dom';
import { can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useAlliance, useSetCommitmentStatus } from '../api';
import { type AllianceForm, AllianceFormModal } from '../components/AllianceForms';
import { AllianceMembers } from '../components/AllianceMembers';
import { ALLIANCE_WORDS, COMMITMENT_WORDS, useOrganisationsWords } from '../words';

type Chair = AllianceDetail['chairs'][number];
type Pledge = AllianceDetail['commitments'][number];

/** An alliance: its members and pacts, the rotating chair by period, and the members' commitments with status. */
export default function AllianceDetailPage() {
  const { id = '' } = useParams();
  const w = useOrganisationsWords();
  const query = useAlliance(id);
  const setStatus = useSetCommitmentStatus({ success: 'app.done' });
  const [form, setForm] = useState<AllianceForm | null>(null);
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const alliance = query.data;
  const manage = can(alliance.allowedActions, 'manage');
  const add = (kind: AllianceForm, label: string) =>
    manage ? (
      <Button size="small" onClick={() => setForm(kind)} data-testid={`alliance-add-${kind}`}>
        {label}
      </Button>
    ) : null;
  const chairColumns: DataColumn<Chair>[] = [
    { key: 'name', title: w.organisation, card: 'title', render: (c) => c.organisationName },
    { key: 'period', title: `${w.from} – ${w.to}`, render: (c) => `${c.fromOn} – ${c.toOn}` },
    { key: 'now', title: '', card: 'extra', render: (c) => (c.current ? <Tag color="red">{w.chairNow}</Tag> : null) },
  ];
  const pledgeColumns: DataColumn<Pledge>[] = [
    { key: 'text', title: w.commitment, card: 'title', render: (c) => c.text },
    { key: 'org', title: w.organisation, render: (c) => c.organisationName },
    { key: 'due', title: w.dueOn, render: (c) => c.dueOn ?? '—' },
    {
      key: 'status',
      title: w.status,
      card: 'extra',
      render: (c) =>
        manage ? (
          <Select<CommitmentStatus>
            value={c.status}
            onChange={(status) => setStatus.mutate({ id: c.id, status })}
            options={COMMITMENT_STATUSES.map((s) => ({ value: s, label: w.say(COMMITMENT_WORDS[s]) }))}
            aria-label={w.status}
            style={{ width: 120 }}
            data-testid={`commitment-status-${c.id}`}
          />
        ) : (
          w.say(COMMITMENT_WORDS[c.status])
        ),
    },
  ];
  return (
    <>
      <PageHeader title={alliance.name} extra={<Tag>{w.say(ALLIANCE_WORDS[alliance.type])}</Tag>} />
      <Flex vertical gap={16}>
        <ErrorAlert error={setStatus.error} />
        <Card size="small" title={w.members} extra={add('member', w.addMember)}>
          <AllianceMembers alliance={alliance} />
        </Card>
        <Card size="small" title={w.chairs} extra={add('chair', w.addChair)}>
          <DataTable<Chair>
            testId="alliance-chairs"
            rowKey={(c) => c.id}
            columns={chairColumns}
            items={alliance.chairs}
            empty={w.noneYet}
            paging={false}
          />
        </Card>
        <Card size="small" title={w.commitments} extra={add('commitment', w.addCommitment)}>
          <DataTable<Pledge>
            testId="alliance-commitments"
            rowKey={(c) => c.id}
            columns={pledgeColumns}
            items={alliance.commitments}
            empty={w.noneYet}
            paging={false}
          />
        </Card>
      </Flex>
      {form ? <AllianceFormModal alliance={alliance} kind={form} onClose={() => setForm(null)} /> : null}
    </>
  );
}
