import { useState } from 'react';
import { useServerPaging } from '../../../lib/use-server-paging';
import { Card, Flex } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { useAuditLog, type AuditFilters } from '../api';
import { AuditFilterForm } from '../components/AuditFilterForm';
import { AuditTable } from '../components/AuditTable';
import { VerifyChain } from '../components/VerifyChain';

export default function AuditLogPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<AuditFilters>({});
  const { page, pageSize, setPage, pagination } = useServerPaging();
  const log = useAuditLog(filters, page, pageSize);

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <VerifyChain />
      <Flex vertical gap={16}>
        <Card size="small">
          <AuditFilterForm
            onSearch={(next) => {
              // Same filters on page 1 would hit the cache: searching again should mean "refresh".
              if (page === 1 && JSON.stringify(next) === JSON.stringify(filters)) void log.refetch();
              setFilters(next);
              setPage(1);
            }}
          />
        </Card>
        <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
        <AuditTable
          data={log.data?.items ?? []}
          pagination={pagination(log.data?.total ?? 0)}
          loading={log.isFetching}
        />
      </Flex>
    </>
  );
}
