import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ClientListQuery } from '@linli/contracts';
import { Link, useNavigate } from 'react-router-dom';
import { Can } from '../../../../components/Can';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { useListState } from '../../../../lib/use-list-state';
import { ExportButtons } from '../../ledger/components/ExportButtons';
import { CategoryTags, TIER_COLORS, TierTag } from '../../shared/CareTags';
import type { ClientSummary } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { useClients } from '../api';
import { ClientFilterBar } from '../components/ClientFilterBar';

/** Areas, tier, category, status and "overdue" go in the URL; the name search only in the history entry. */
const LIST = {
  url: {
    communityCode: ClientListQuery.shape.communityCode,
    gridCode: ClientListQuery.shape.gridCode,
    tier: ClientListQuery.shape.tier,
    category: ClientListQuery.shape.category,
    status: ClientListQuery.shape.status,
    overdue: ClientListQuery.shape.overdue,
  },
  history: ['q'] as const,
};

export default function ClientListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const areas = useCareAreas();
  const list = useListState(LIST);
  const clients = useClients(list.filters, list.page, list.pageSize);

  const columns: DataColumn<ClientSummary>[] = [
    {
      key: 'name',
      title: t('care.field.name'),
      width: 140,
      fixed: 'left',
      card: 'title',
      render: (c) => (
        <Link to={`/care/clients/${c.id}`} data-testid={`client-open-${c.id}`}>
          {c.name}
        </Link>
      ),
    },
    {
      key: 'sexAge',
      title: t('care.field.sexAge'),
      width: 90,
      render: (c) => `${c.sex ? t(`care.sex.${c.sex}`) : '—'} / ${c.age ?? '—'}`,
    },
    { key: 'id', title: t('care.field.idNumber'), width: 180, render: (c) => c.idNumberMasked ?? '—' },
    { key: 'phone', title: t('care.field.phone'), width: 130, render: (c) => c.phoneMasked ?? '—' },
    { key: 'community', title: t('care.field.community'), width: 130, render: (c) => areas.nameOf(c.communityCode) },
    {
      key: 'categories',
      title: t('care.field.categories'),
      width: 180,
      render: (c) => <CategoryTags categories={c.categories} />,
    },
    { key: 'tier', title: t('care.field.tier'), width: 80, card: 'extra', render: (c) => <TierTag tier={c.tier} /> },
    { key: 'nextVisit', title: t('care.field.nextVisitDue'), width: 120, render: (c) => c.nextVisitDue ?? '—' },
    {
      key: 'overdue',
      title: t('care.field.overdueDays'),
      width: 100,
      render: (c) =>
        c.overdueDays && c.overdueDays > 0 ? (
          <Typography.Text style={{ color: TIER_COLORS.red }}>
            {t('care.overdueDays', { days: c.overdueDays })}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('care.client.title')}
        extra={
          <Can permission="care.client.write">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/care/clients/new')}
              data-testid="client-create"
            >
              {t('care.client.create')}
            </Button>
          </Can>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <ClientFilterBar value={list.filters} onChange={list.setFilters} />
        </Card>
        <ExportButtons filter={list.filters} />
        <DataTable<ClientSummary>
          testId="clients-table"
          rowKey={(c) => c.id}
          columns={columns}
          items={clients.data?.items}
          query={clients}
          empty={t('care.client.none')}
          scrollX={1150}
          onRowOpen={(c) => navigate(`/care/clients/${c.id}`)}
          paging={{
            page: list.page,
            pageSize: list.pageSize,
            total: clients.data?.total ?? 0,
            onChange: list.setPage,
            sizeChanger: true,
          }}
        />
      </Flex>
    </>
  );
}
