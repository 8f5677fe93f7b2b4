import { Card, Flex, Select } from 'antd';
import { CASE_STATUSES, CaseStatus as CaseStatusSchema } from '@linli/contracts';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { useListState } from '../../../../lib/use-list-state';
import type { CaseSummary } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { useCases } from '../api';
import { CaseStatusTag } from '../components/CaseStatusTag';

const LIST = { url: { status: CaseStatusSchema } };

export default function CaseListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const areas = useCareAreas();
  const list = useListState(LIST);
  const cases = useCases(list.filters.status);

  const columns: DataColumn<CaseSummary>[] = [
    {
      key: 'client',
      title: t('care.case.client'),
      width: 120,
      card: 'title',
      render: (c) => (
        <Link to={`/care/cases/${c.id}`} data-testid={`case-open-${c.id}`}>
          {c.clientName}
        </Link>
      ),
    },
    {
      key: 'status',
      title: t('care.case.status'),
      width: 120,
      card: 'extra',
      render: (c) => <CaseStatusTag status={c.status} />,
    },
    { key: 'community', title: t('care.case.community'), width: 140, render: (c) => areas.nameOf(c.communityCode) },
    { key: 'openedAt', title: t('care.case.openedAt'), width: 160, render: (c) => formatDateTime(c.openedAt) },
  ];

  return (
    <>
      <PageHeader title={t('care.case.title')} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Select
            value={list.filters.status}
            onChange={(status) => list.setFilters({ status })}
            allowClear
            placeholder={t('care.case.allStatuses')}
            aria-label={t('care.case.allStatuses')}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(`care.case.status.${s}`) }))}
            style={{ width: 180, maxWidth: '100%' }}
            data-testid="cases-status-filter"
          />
        </Card>
        <DataTable<CaseSummary>
          testId="cases-table"
          rowKey={(c) => c.id}
          columns={columns}
          items={cases.data?.items}
          query={cases}
          empty={t('care.case.none')}
          scrollX={540}
          onRowOpen={(c) => navigate(`/care/cases/${c.id}`)}
          paging={{ page: list.page, pageSize: list.pageSize, onChange: list.setPage }}
        />
      </Flex>
    </>
  );
}
