import { useState } from 'react';
import { useServerPaging } from '../../../lib/use-server-paging';
import { Button, Card, Empty, Flex, Table, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { Can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import type { ClientSummary } from '../../../lib/types';
import { useClients, type ClientFilters } from '../api';
import { CategoryTags, TierTag } from '../components/CareTags';
import { ClientFilterBar } from '../components/ClientFilterBar';
import { TIER_COLORS } from '../tiers';
import { useCareAreas } from '../useCareAreas';
import { ExportButtons } from '../ledger/ExportButtons';

export default function ClientListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const areas = useCareAreas();
  const [filters, setFilters] = useState<ClientFilters>({});
  const { page, pageSize, setPage, pagination } = useServerPaging();
  const clients = useClients(filters, page, pageSize);

  const columns: TableProps<ClientSummary>['columns'] = [
    {
      key: 'name',
      title: t('care.field.name'),
      width: 140,
      fixed: 'left',
      render: (_, c) => (
        <Link to={`/care/clients/${c.id}`} data-testid={`client-open-${c.id}`}>
          {c.name}
        </Link>
      ),
    },
    {
      key: 'sexAge',
      title: t('care.field.sexAge'),
      width: 90,
      render: (_, c) => `${c.sex ? t(`care.sex.${c.sex}`) : '—'} / ${c.age ?? '—'}`,
    },
    { key: 'id', title: t('care.field.idNumber'), width: 180, render: (_, c) => c.idNumberMasked ?? '—' },
    { key: 'phone', title: t('care.field.phone'), width: 130, render: (_, c) => c.phoneMasked ?? '—' },
    { key: 'community', title: t('care.field.community'), width: 130, render: (_, c) => areas.nameOf(c.communityCode) },
    { key: 'categories', title: t('care.field.categories'), width: 180, render: (_, c) => <CategoryTags categories={c.categories} /> },
    { key: 'tier', title: t('care.field.tier'), width: 80, render: (_, c) => <TierTag tier={c.tier} /> },
    { key: 'nextVisit', title: t('care.field.nextVisitDue'), width: 120, render: (_, c) => c.nextVisitDue ?? '—' },
    {
      key: 'overdue',
      title: t('care.field.overdueDays'),
      width: 100,
      render: (_, c) =>
        c.overdueDays && c.overdueDays > 0 ? (
          <Typography.Text style={{ color: TIER_COLORS.red }}>{t('care.visit.overdueDays', { days: c.overdueDays })}</Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('care.clients.title')}
        extra={
          <Can permission="care.client.write">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/care/clients/new')} data-testid="client-create">
              {t('care.clients.create')}
            </Button>
          </Can>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <ClientFilterBar
            onChange={(next) => {
              setFilters(next);
              setPage(1);
            }}
          />
        </Card>
        <ExportButtons filter={filters} />
        <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} />
        <div className="linli-table-scroll">
          <Table<ClientSummary>
            data-testid="clients-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={clients.data?.items ?? []}
            loading={clients.isFetching}
            scroll={{ x: 1150 }}
            locale={{ emptyText: <Empty description={t('care.clients.none')} /> }}
            onRow={(c) => ({ onDoubleClick: () => navigate(`/care/clients/${c.id}`) })}
            pagination={pagination(clients.data?.total ?? 0)}
          />
        </div>
      </Flex>
    </>
  );
}
