import { Card, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { useI18n } from '../../../../i18n';
import { TIER_COLORS } from '../../shared/CareTags';
import type { Escalation } from '../../shared/types';
import { useEscalations } from '../api';

/** Overdue visits past the supervisor's or the street office's threshold (GET /api/care/escalations). */
export function EscalationsCard() {
  const { t } = useI18n();
  const escalations = useEscalations();
  const columns: DataColumn<Escalation>[] = [
    {
      key: 'level',
      title: t('care.supervision.esc.level'),
      width: 140,
      card: 'extra',
      render: (e) => (
        <Tag color={e.level === 'street' ? 'red' : 'orange'} data-testid={`escalation-level-${e.level}`}>
          {t(`care.supervision.esc.level.${e.level}`)}
        </Tag>
      ),
    },
    {
      key: 'client',
      title: t('care.supervision.esc.client'),
      width: 140,
      card: 'title',
      render: (e) => <Link to={`/care/clients/${encodeURIComponent(e.visit.clientId)}`}>{e.visit.clientName}</Link>,
    },
    { key: 'due', title: t('care.supervision.esc.due'), width: 110, render: (e) => e.visit.dueDate },
    {
      key: 'overdue',
      title: t('care.supervision.esc.overdue'),
      width: 100,
      align: 'right',
      render: (e) => <span style={{ color: TIER_COLORS.red, fontWeight: 600 }}>{e.visit.overdueDays}</span>,
    },
  ];
  return (
    <Card size="small" title={t('care.supervision.esc.title')}>
      <DataTable<Escalation>
        testId="escalations"
        rowKey={(e) => e.visit.id}
        columns={columns}
        items={escalations.data?.items}
        query={escalations}
        empty={t('care.supervision.esc.none')}
        compact
        paging={{ pageSize: 10 }}
        scrollX={490}
      />
    </Card>
  );
}
