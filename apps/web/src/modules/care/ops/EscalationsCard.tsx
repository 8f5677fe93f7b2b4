import { Card, Empty, Table, Tag, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { TIER_COLORS } from '../tiers';
import { useEscalations, type Escalation } from './api';

/** Overdue visits past the supervisor's or the street office's threshold (GET /api/care/escalations). */
export function EscalationsCard() {
  const { t } = useI18n();
  const escalations = useEscalations();
  const columns: TableProps<Escalation>['columns'] = [
    {
      key: 'level',
      title: t('care3.esc.level'),
      width: 140,
      render: (_, e) => (
        <Tag color={e.level === 'street' ? 'red' : 'orange'} data-testid={`escalation-level-${e.level}`}>
          {t(`care3.esc.level.${e.level}`)}
        </Tag>
      ),
    },
    {
      key: 'client',
      title: t('care3.esc.client'),
      width: 140,
      render: (_, e) => <Link to={`/care/clients/${encodeURIComponent(e.visit.clientId)}`}>{e.visit.clientName}</Link>,
    },
    { key: 'due', title: t('care3.esc.due'), width: 110, render: (_, e) => e.visit.dueDate },
    {
      key: 'overdue',
      title: t('care3.esc.overdue'),
      width: 100,
      align: 'right',
      render: (_, e) => <span style={{ color: TIER_COLORS.red, fontWeight: 600 }}>{e.visit.overdueDays}</span>,
    },
  ];
  return (
    <Card size="small" title={t('care3.esc.title')}>
      <ErrorAlert error={escalations.error} onRetry={() => void escalations.refetch()} />
      <div className="linli-table-scroll">
        <Table<Escalation>
          data-testid="escalations"
          rowKey={(e) => e.visit.id}
          size="small"
          columns={columns}
          dataSource={escalations.data?.items ?? []}
          loading={escalations.isPending && !escalations.error}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 490 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('care3.esc.none')} /> }}
        />
      </div>
    </Card>
  );
}
