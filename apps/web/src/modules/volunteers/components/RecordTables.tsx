import { Button, Tag } from 'antd';
import type { Correction, Membership, RecordEntry } from '@linli/contracts/modules/volunteers';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { useVolunteersWords } from '../words';
import { TeamColourTag } from './Tags';

/** The parts of a volunteer's record as tables (desktop; cards on a phone). */
export function MembershipTable({ items, testId }: { items: Membership[]; testId: string }) {
  const w = useVolunteersWords();
  const columns: DataColumn<Membership>[] = [
    { key: 'team', title: w.teams, card: 'title', render: (m) => m.teamName },
    { key: 'colour', title: w.colour, render: (m) => <TeamColourTag colour={m.teamColour} /> },
    { key: 'role', title: w.roles.member, render: (m) => w.roles[m.role] },
    { key: 'status', title: w.status, card: 'extra', render: (m) => w.memberStatuses[m.status] },
    { key: 'joined', title: w.joinedOn, render: (m) => m.joinedOn ?? '—' },
    { key: 'left', title: w.leftOn, render: (m) => m.leftOn ?? '—' },
  ];
  return <DataTable testId={testId} rowKey={(m) => m.id} columns={columns} items={items} empty={w.noneTeams} compact />;
}

export function EntryTable({ items, testId }: { items: RecordEntry[]; testId: string }) {
  const w = useVolunteersWords();
  const columns: DataColumn<RecordEntry>[] = [
    { key: 'title', title: w.entryTitle, card: 'title', render: (e) => e.title },
    { key: 'kind', title: w.kind, card: 'extra', render: (e) => <Tag>{w.kinds[e.kind]}</Tag> },
    { key: 'date', title: w.onDate, render: (e) => e.onDate },
    { key: 'by', title: w.byWhom, render: (e) => e.byWhom ?? '—' },
    {
      key: 'more',
      title: w.detail,
      render: (e) =>
        [
          e.minutes !== null ? `${(e.minutes / 60).toFixed(1)} h` : null,
          e.rating !== null ? '★'.repeat(e.rating) : null,
          e.outcome ? `${w.outcome}: ${e.outcome}` : null,
          e.detail,
        ]
          .filter(Boolean)
          .join(' · ') || '—',
    },
  ];
  return (
    <DataTable testId={testId} rowKey={(e) => e.id} columns={columns} items={items} empty={w.noneEntries} compact />
  );
}

export function CorrectionTable({
  items,
  testId,
  onAnswer,
}: {
  items: Correction[];
  testId: string;
  onAnswer?: (c: Correction) => void;
}) {
  const w = useVolunteersWords();
  const columns: DataColumn<Correction>[] = [
    { key: 'request', title: w.requestText, card: 'title', render: (c) => c.requestText },
    { key: 'part', title: w.part, render: (c) => w.parts[c.part] },
    { key: 'status', title: w.status, card: 'extra', render: (c) => w.correctionStatuses[c.status] },
    { key: 'answer', title: w.answerText, render: (c) => c.answerText ?? '—' },
    { key: 'at', title: w.createdAt, render: (c) => formatDateTime(c.createdAt) },
  ];
  if (onAnswer)
    columns.push({
      key: 'act',
      title: '',
      card: 'actions',
      render: (c) =>
        c.status === 'open' ? (
          <Button size="small" onClick={() => onAnswer(c)} data-testid={`correction-answer-${c.id}`}>
            {w.answer}
          </Button>
        ) : null,
    });
  return (
    <DataTable testId={testId} rowKey={(c) => c.id} columns={columns} items={items} empty={w.noneCorrections} compact />
  );
}
