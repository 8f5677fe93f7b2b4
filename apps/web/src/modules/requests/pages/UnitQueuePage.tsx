import { Typography } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { useListState } from '../../../lib/use-list-state';
import { useUnitQueue } from '../api';
import { useCoreWords } from '../core-words';
import { RequestsTable } from '../components/RequestsTable';

/**
 * 单位工单 (我的待办): what the account's units must sign for or finish, overdue first, each deadline counted in
 * working days. A partner member sees the work routed to their organisation only.
 */
export default function UnitQueuePage() {
  const w = useCoreWords();
  const list = useListState({ url: {} });
  const query = useUnitQueue({ page: list.page, pageSize: list.pageSize });
  return (
    <>
      <PageHeader title={w.unitQueue} />
      <Typography.Paragraph type="secondary">{w.queueHint}</Typography.Paragraph>
      <RequestsTable
        testId="requests-queue-table"
        items={query.data?.items}
        query={query}
        empty={w.noneQueue}
        paging={{ page: list.page, pageSize: list.pageSize, total: query.data?.total, onChange: list.setPage }}
      />
    </>
  );
}
