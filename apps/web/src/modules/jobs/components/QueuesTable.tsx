import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { JobQueue } from '@linli/contracts/modules/jobs';
import { usePermission } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import type { JobsWords } from '../words';
import { JobName } from './JobName';

/** Where a queue's dead letters can be seen and retried (the notifications module's outbox page). */
const DEAD_LETTERS: Record<string, string> = { 'notifications.outbox': '/notifications/outbox' };

interface Props {
  items: JobQueue[] | undefined;
  loading: boolean;
  error: unknown;
  w: JobsWords;
}

/** Each queue's depth: pending, failed and waiting for a retry, dead letters, the oldest pending item. */
export function QueuesTable({ items, loading, error, w }: Props) {
  const outbox = usePermission('notifications.outbox.manage');
  const columns: DataColumn<JobQueue>[] = [
    { key: 'name', title: w.queue, card: 'title', render: (q) => <JobName name={q.name} w={w} /> },
    {
      key: 'pending',
      title: w.pending,
      align: 'right',
      render: (q) => (q.unavailable ? <Tag color="warning">{w.unavailable}</Tag> : q.pending),
    },
    { key: 'failed', title: w.retrying, align: 'right', render: (q) => q.failed },
    {
      key: 'dead',
      title: w.dead,
      align: 'right',
      render: (q) =>
        q.dead > 0 && outbox && DEAD_LETTERS[q.name] ? (
          <Link to={DEAD_LETTERS[q.name]!} data-testid={`jobs-dead-${q.name}`}>
            {q.dead} · {w.deadLetters}
          </Link>
        ) : (
          q.dead
        ),
    },
    { key: 'oldest', title: w.oldest, render: (q) => formatDateTime(q.oldestPendingAt) || w.none },
  ];
  return (
    <DataTable<JobQueue>
      testId="jobs-queues"
      rowKey={(q) => q.name}
      columns={columns}
      items={items}
      loading={loading}
      error={error}
      empty={w.none}
    />
  );
}
