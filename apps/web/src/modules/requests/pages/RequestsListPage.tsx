import { Flex, Select } from 'antd';
import {
  REQUEST_STATUSES,
  REQUEST_URGENCIES,
  RequestListQuery,
  RequestStatus,
  RequestUrgency,
} from '@linli/contracts/modules/requests';
import { PageHeader } from '../../../components/PageHeader';
import { useListState } from '../../../lib/use-list-state';
import { useRequests } from '../api';
import { STATUS_WORDS, URGENCY_WORDS, useCoreWords } from '../core-words';
import { RequestsTable } from '../components/RequestsTable';

const LIST = { url: { status: RequestStatus, urgency: RequestUrgency, overdue: RequestListQuery.shape.overdue } };

/** 全部诉求: every request in the account's scope (a unit's users: those routed to the unit), with filters. */
export default function RequestsListPage() {
  const w = useCoreWords();
  const list = useListState(LIST);
  const query = useRequests({ ...list.filters, page: list.page, pageSize: list.pageSize });
  return (
    <>
      <PageHeader title={w.all} />
      <Flex vertical gap={16}>
        <Flex wrap gap={8}>
          <Select
            allowClear
            value={list.filters.status}
            onChange={(status?: RequestStatus) => list.setFilters({ status })}
            placeholder={w.anyStatus}
            aria-label={w.status}
            data-testid="requests-status-filter"
            style={{ minWidth: 160 }}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: w.say(STATUS_WORDS, s) }))}
          />
          <Select
            allowClear
            value={list.filters.urgency}
            onChange={(urgency?: RequestUrgency) => list.setFilters({ urgency })}
            placeholder={w.anyUrgency}
            aria-label={w.urgency}
            data-testid="requests-urgency-filter"
            style={{ minWidth: 140 }}
            options={REQUEST_URGENCIES.map((u) => ({ value: u, label: w.say(URGENCY_WORDS, u) }))}
          />
          <Select
            allowClear
            value={list.filters.overdue}
            onChange={(overdue?: 'true' | 'false') => list.setFilters({ overdue })}
            placeholder={w.deadline}
            aria-label={w.deadline}
            data-testid="requests-overdue-filter"
            style={{ minWidth: 140 }}
            options={[
              { value: 'true', label: w.overdueShort },
              { value: 'false', label: w.notOverdue },
            ]}
          />
        </Flex>
        <RequestsTable
          testId="requests-table"
          items={query.data?.items}
          query={query}
          empty={w.none}
          paging={{ page: list.page, pageSize: list.pageSize, total: query.data?.total, onChange: list.setPage }}
        />
      </Flex>
    </>
  );
}
