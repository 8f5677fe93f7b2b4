import { Card, Flex } from 'antd';
import { AuditQuery } from '@linli/contracts';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { useListState } from '../../../lib/use-list-state';
import { useAuditLog, type AuditFilters } from '../api';
import { AuditFilterForm } from '../components/AuditFilterForm';
import { AuditTable } from '../components/AuditTable';
import { VerifyChain } from '../components/VerifyChain';

/** Time range, action, result and object id go in the URL; the actor (a person's name) only in the history entry. */
const LIST = {
  url: {
    from: AuditQuery.shape.from,
    to: AuditQuery.shape.to,
    action: AuditQuery.shape.action,
    result: AuditQuery.shape.result,
    objectId: AuditQuery.shape.objectId,
  },
  history: ['actor'] as const,
};

const sameFilters = (a: AuditFilters, b: AuditFilters) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof AuditFilters)[]);
  return [...keys].every((key) => (a[key] ?? undefined) === (b[key] ?? undefined));
};

export default function AuditLogPage() {
  const { t } = useI18n();
  const list = useListState(LIST);
  const filters: AuditFilters = list.filters;
  const log = useAuditLog(filters, list.page, list.pageSize);

  const handleSearch = (next: AuditFilters) => {
    // Same filters on page 1 would hit the cache: searching again should mean "refresh".
    if (list.page === 1 && sameFilters(next, filters)) void log.refetch();
    list.setFilters({
      from: undefined,
      to: undefined,
      action: undefined,
      result: undefined,
      objectId: undefined,
      actor: undefined,
      ...next,
    });
  };

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <VerifyChain />
      <Flex vertical gap={16}>
        <Card size="small">
          <AuditFilterForm value={filters} onSearch={handleSearch} />
        </Card>
        <AuditTable
          items={log.data?.items}
          query={log}
          paging={{
            page: list.page,
            pageSize: list.pageSize,
            total: log.data?.total ?? 0,
            onChange: list.setPage,
            sizeChanger: true,
          }}
        />
      </Flex>
    </>
  );
}
