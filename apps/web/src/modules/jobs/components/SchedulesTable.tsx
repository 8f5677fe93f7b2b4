import { Tag, Tooltip, Typography } from 'antd';
import type { JobSchedule } from '@linli/contracts/modules/jobs';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { formatDateTime, interpolate } from '../../../lib/format';
import type { JobsWords } from '../words';
import { JobName } from './JobName';

/** "2 秒", "1 小时": an interval in the largest whole unit. */
export function formatEvery(ms: number, w: JobsWords): string {
  const units: [number, string][] = [
    [86_400_000, w.days],
    [3_600_000, w.hours],
    [60_000, w.minutes],
  ];
  for (const [size, words] of units) if (ms % size === 0) return interpolate(words, { n: ms / size });
  return interpolate(w.seconds, { n: Math.round(ms / 100) / 10 });
}

function JobState({ job, w }: { job: JobSchedule; w: JobsWords }) {
  if (job.runningBy) return <Tag color="processing">{interpolate(w.runningBy, { runner: job.runningBy })}</Tag>;
  if (job.consecutiveFailures > 0)
    return <Tag color="error">{interpolate(w.streak, { n: job.consecutiveFailures })}</Tag>;
  return <Tag color="success">{w.idle}</Tag>;
}

interface Props {
  items: JobSchedule[] | undefined;
  loading: boolean;
  error: unknown;
  w: JobsWords;
}

/** Every recurring job: interval, last and next run, counts, whether it runs now, its last error. */
export function SchedulesTable({ items, loading, error, w }: Props) {
  const columns: DataColumn<JobSchedule>[] = [
    {
      key: 'name',
      title: w.name,
      card: 'title',
      render: (j) => (
        <Tooltip title={j.scope === 'process' ? w.perProcessHint : j.registered ? null : w.notRegistered}>
          <span>
            <JobName
              name={j.name}
              w={w}
              tag={j.scope === 'process' ? w.perProcess : j.registered ? null : w.notRegistered}
            />
          </span>
        </Tooltip>
      ),
    },
    { key: 'state', title: w.state, card: 'extra', render: (j) => <JobState job={j} w={w} /> },
    { key: 'every', title: w.every, render: (j) => formatEvery(j.everyMs, w) },
    { key: 'lastRun', title: w.lastRun, render: (j) => formatDateTime(j.lastFinishedAt) || w.none },
    { key: 'nextRun', title: w.nextRun, render: (j) => formatDateTime(j.nextRunAt) || '—' },
    { key: 'runs', title: w.runs, align: 'right', render: (j) => j.runs },
    { key: 'failures', title: w.failed, align: 'right', render: (j) => j.failures },
    {
      key: 'lastError',
      title: w.lastError,
      render: (j) =>
        j.lastError ? (
          <Typography.Text type={j.consecutiveFailures > 0 ? 'danger' : 'secondary'}>
            {formatDateTime(j.lastErrorAt)} {j.lastError}
          </Typography.Text>
        ) : (
          w.none
        ),
    },
  ];
  return (
    <DataTable<JobSchedule>
      testId="jobs-schedules"
      rowKey={(j) => j.name}
      columns={columns}
      items={items}
      loading={loading}
      error={error}
      empty={w.none}
      scrollX={980}
    />
  );
}
