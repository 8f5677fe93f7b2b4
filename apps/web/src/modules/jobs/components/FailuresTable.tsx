import { Typography } from 'antd';
import type { JobFailure } from '@linli/contracts/modules/jobs';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import type { JobsWords } from '../words';
import { JobName } from './JobName';

/** The newest failed runs, with the process that ran them and the error. */
export function FailuresTable({ items, w }: { items: JobFailure[] | undefined; w: JobsWords }) {
  const columns: DataColumn<JobFailure>[] = [
    { key: 'name', title: w.name, card: 'title', render: (f) => <JobName name={f.name} w={w} /> },
    { key: 'finishedAt', title: w.finishedAt, card: 'extra', render: (f) => formatDateTime(f.finishedAt) },
    { key: 'runner', title: w.runner, render: (f) => f.runner },
    { key: 'error', title: w.error, render: (f) => <Typography.Text type="danger">{f.error ?? '—'}</Typography.Text> },
  ];
  return (
    <DataTable<JobFailure>
      testId="jobs-failures"
      rowKey={(f) => String(f.id)}
      columns={columns}
      items={items}
      empty={w.noFailures}
      compact
      paging={{ pageSize: 10 }}
    />
  );
}
