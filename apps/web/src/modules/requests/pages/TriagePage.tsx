import { Typography } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { useListState } from '../../../lib/use-list-state';
import { useRequests } from '../api';
import { useCoreWords } from '../core-words';
import { RequestsTable } from '../components/RequestsTable';

/** 分拣: the requests still to triage (待分拣), oldest first is the server's order; each opens its triage panel. */
export default function TriagePage() {
  const w = useCoreWords();
  const list = useListState({ url: {} });
  const query = useRequests({ status: 'submitted', page: list.page, pageSize: list.pageSize });
  return (
    <>
      <PageHeader title={w.triage} />
      <Typography.Paragraph type="secondary">{w.triageHint}</Typography.Paragraph>
      <RequestsTable
        testId="requests-triage-table"
        items={query.data?.items}
        query={query}
        empty={w.noneTriage}
        show="none"
        paging={{ page: list.page, pageSize: list.pageSize, total: query.data?.total, onChange: list.setPage }}
      />
    </>
  );
}
