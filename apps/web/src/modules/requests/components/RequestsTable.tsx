import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { RequestSummary } from '@linli/contracts/modules/requests';
import { DataTable, type DataTablePaging, type DataColumn } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { useCoreWords } from '../core-words';
import { Deadline } from './Deadline';
import { StatusTag, UrgencyTag } from './Tags';

const DONE = new Set(['resolved', 'closed', 'rejected', 'merged']);

/** A list of requests (triage queue, all requests, a unit's queue): each row opens the request's page. */
export function RequestsTable({
  testId,
  items,
  query,
  empty,
  paging,
  show = 'due',
}: {
  testId: string;
  items: RequestSummary[] | undefined;
  query: { isFetching: boolean; error: unknown; refetch: () => unknown };
  empty: string;
  paging: DataTablePaging;
  /** Which deadline the list is about: signing (a unit's new work) or resolving. */
  show?: 'due' | 'sign' | 'none';
}) {
  const w = useCoreWords();
  const navigate = useNavigate();
  const open = (r: RequestSummary) => navigate(`/requests/${r.id}`);
  const columns: DataColumn<RequestSummary>[] = [
    {
      key: 'number',
      title: w.number,
      card: 'title',
      render: (r) => (
        <span>
          {r.number} · {r.category.name}
        </span>
      ),
    },
    { key: 'status', title: w.status, card: 'extra', render: (r) => <StatusTag status={r.status} /> },
    { key: 'urgency', title: w.urgency, render: (r) => <UrgencyTag urgency={r.urgency} /> },
    { key: 'excerpt', title: w.description, ellipsis: true, render: (r) => r.excerpt },
    { key: 'community', title: w.community, render: (r) => r.communityName ?? r.areaCode },
    { key: 'unit', title: w.unit, render: (r) => r.unit?.label ?? '—' },
    ...(show === 'none'
      ? []
      : [
          {
            key: 'deadline',
            title: w.deadline,
            render: (r: RequestSummary) => {
              const sign = r.status === 'assigned' || show === 'sign';
              return (
                <Deadline
                  dueAt={sign && r.signDueAt ? r.signDueAt : r.dueAt}
                  overdue={r.overdue}
                  done={DONE.has(r.status)}
                  testId={`request-deadline-${r.id}`}
                />
              );
            },
          },
        ]),
    { key: 'createdAt', title: w.createdAt, render: (r) => formatDateTime(r.createdAt).slice(0, 16) },
    {
      key: 'open',
      title: '',
      card: 'actions',
      render: (r) => (
        <Button size="small" onClick={() => open(r)} data-testid={`request-open-${r.id}`}>
          {w.open}
        </Button>
      ),
    },
  ];
  return (
    <DataTable<RequestSummary>
      testId={testId}
      rowKey={(r) => r.id}
      columns={columns}
      items={items}
      query={query}
      empty={empty}
      paging={paging}
      onRowOpen={open}
      scrollX={1100}
    />
  );
}
