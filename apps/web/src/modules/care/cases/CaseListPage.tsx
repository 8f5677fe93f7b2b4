import { useState } from 'react';
import { Card, Empty, Flex, Select, Table, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { CASE_STATUSES } from '@linli/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { CaseStatus, CaseSummary } from '../ledger/types';
import { useCareAreas } from '../useCareAreas';
import { useCases } from './api';
import { CaseStatusTag } from './CaseTags';

export default function CaseListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const areas = useCareAreas();
  const [status, setStatus] = useState<CaseStatus | undefined>(undefined);
  const cases = useCases(status);

  const columns: TableProps<CaseSummary>['columns'] = [
    {
      key: 'client',
      title: t('care2.case.client'),
      width: 120,
      render: (_, c) => (
        <Link to={`/care/cases/${c.id}`} data-testid={`case-open-${c.id}`}>
          {c.clientName}
        </Link>
      ),
    },
    { key: 'status', title: t('care2.case.status'), width: 120, render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'community', title: t('care2.case.community'), width: 140, render: (_, c) => areas.nameOf(c.communityCode) },
    { key: 'openedAt', title: t('care2.case.openedAt'), width: 160, render: (_, c) => formatDateTime(c.openedAt) },
  ];

  return (
    <>
      <PageHeader title={t('care2.cases.title')} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Select<CaseStatus | undefined>
            value={status}
            onChange={(v) => setStatus(v)}
            allowClear
            placeholder={t('care2.cases.allStatuses')}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(`care2.case.status.${s}`) }))}
            style={{ width: 180, maxWidth: '100%' }}
            data-testid="cases-status-filter"
          />
        </Card>
        <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
        <div className="linli-table-scroll">
          <Table<CaseSummary>
            data-testid="cases-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={cases.data?.items ?? []}
            loading={cases.isFetching}
            scroll={{ x: 540 }}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true, showTotal: (n) => t('app.total', { total: n }) }}
            locale={{ emptyText: <Empty description={t('care2.cases.none')} /> }}
            onRow={(c) => ({ onDoubleClick: () => navigate(`/care/cases/${c.id}`) })}
          />
        </div>
      </Flex>
    </>
  );
}
