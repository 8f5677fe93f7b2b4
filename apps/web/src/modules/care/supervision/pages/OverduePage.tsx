import { Card, Col, Flex, Row, Statistic } from 'antd';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Loading } from '../../../../components/Loading';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n, type MessageKey } from '../../../../i18n';
import { TIER_COLORS, TierTag } from '../../shared/CareTags';
import type { OverdueBucket, OverdueQueue } from '../../shared/types';
import { useOverdueQueue } from '../api';
import { EscalationsCard } from '../components/EscalationsCard';

/** `none`: the name of the bucket the server keys 'none' (visits with no worker, no grid), which it leaves unlabelled. */
function BucketTable({
  title,
  rows,
  groups,
  testId,
  none,
}: {
  title: MessageKey;
  rows: OverdueBucket[];
  /** How many groups have overdue visits in all: the server sends only the worst (a district has thousands). */
  groups: number;
  testId: string;
  none?: MessageKey;
}) {
  const { t } = useI18n();
  const num = (n: number) => (n ? n : '—');
  const columns: DataColumn<OverdueBucket>[] = [
    {
      key: 'label',
      title: t(title),
      width: 160,
      card: 'title',
      render: (r) => (r.key === 'none' && none ? t(none) : r.label),
    },
    {
      key: 'd1to7',
      title: t('care.supervision.overdue.d1to7'),
      width: 90,
      align: 'right',
      render: (r) => num(r.d1to7),
    },
    {
      key: 'd8to30',
      title: t('care.supervision.overdue.d8to30'),
      width: 90,
      align: 'right',
      render: (r) => num(r.d8to30),
    },
    {
      key: 'over30',
      title: t('care.supervision.overdue.over30'),
      width: 90,
      align: 'right',
      render: (r) => (r.over30 ? <span style={{ color: TIER_COLORS.red, fontWeight: 600 }}>{r.over30}</span> : '—'),
    },
    {
      key: 'total',
      title: t('care.supervision.overdue.total'),
      width: 80,
      align: 'right',
      card: 'extra',
      render: (r) => <strong>{r.total}</strong>,
    },
  ];
  return (
    <Card
      size="small"
      title={t(title)}
      extra={
        groups > rows.length ? (
          <span data-testid={`${testId}-worst-of`}>
            {t('care.supervision.overdue.worstOf', { shown: rows.length, groups })}
          </span>
        ) : null
      }
    >
      <DataTable<OverdueBucket>
        testId={testId}
        rowKey={(r) => r.key}
        columns={columns}
        items={rows}
        empty={t('care.supervision.overdue.none')}
        compact
        scrollX={510}
      />
    </Card>
  );
}

function OnTimeRates({
  rates,
  period,
}: {
  rates: OverdueQueue['onTimeRateByTier'];
  period: OverdueQueue['onTimePeriod'];
}) {
  const { t } = useI18n();
  // `until` is exclusive (the first day of next month); people read the last day.
  const lastDay = new Date(Date.parse(`${period.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return (
    <Card size="small" title={t('care.supervision.overdue.onTime', { from: period.from, to: lastDay })}>
      <Row gutter={[16, 16]} data-testid="overdue-ontime">
        {rates.map((r) => (
          <Col key={r.tier} xs={8}>
            <Statistic
              title={<TierTag tier={r.tier} />}
              value={r.rate === null ? '—' : `${Math.round(r.rate * 1000) / 10}%`}
              styles={{ content: { color: TIER_COLORS[r.tier] } }}
            />
            <span style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.68)' }}>
              {t('care.supervision.overdue.onTimeCount', { onTime: r.onTime, done: r.done })}
            </span>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default function OverduePage() {
  const { t } = useI18n();
  const queue = useOverdueQueue();
  return (
    <>
      <PageHeader title={t('care.supervision.overdue.title')} />
      <ErrorAlert error={queue.error} onRetry={() => void queue.refetch()} />
      {queue.isPending ? <Loading /> : null}
      {queue.data ? (
        <Flex vertical gap={16}>
          <EscalationsCard />
          <OnTimeRates rates={queue.data.onTimeRateByTier} period={queue.data.onTimePeriod} />
          <BucketTable
            title="care.supervision.overdue.byWorker"
            rows={queue.data.byWorker}
            groups={queue.data.groups.byWorker}
            testId="overdue-by-worker"
            none="care.supervision.overdue.unassigned"
          />
          <BucketTable
            title="care.supervision.overdue.byGrid"
            rows={queue.data.byGrid}
            groups={queue.data.groups.byGrid}
            testId="overdue-by-grid"
            none="care.supervision.overdue.noGrid"
          />
          <BucketTable
            title="care.supervision.overdue.byCommunity"
            rows={queue.data.byCommunity}
            groups={queue.data.groups.byCommunity}
            testId="overdue-by-community"
          />
        </Flex>
      ) : null}
    </>
  );
}
