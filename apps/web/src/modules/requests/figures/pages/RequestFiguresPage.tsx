import { useCallback, useMemo } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Tabs, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { z } from 'zod';
import { DateOnly } from '@linli/contracts';
import type { RequestFigureRow } from '@linli/contracts/modules/requests';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { useListState } from '../../../../lib/use-list-state';
import { exportRequestLedger, useRequestFigures } from '../api';
import { RatesChart, type RateSeries } from '../components/RatesChart';
import { useFiguresWords } from '../words';

const LIST = { url: { from: DateOnly, to: DateOnly, groupBy: z.enum(['unit', 'category']) } };
const DAY = 'YYYY-MM-DD';
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const hours = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** 诉求统计: the period's figures per responsible unit or per category, a chart of the rates, and the ledger export. */
export default function RequestFiguresPage() {
  const w = useFiguresWords();
  const { errorMessage } = useI18n();
  const { message } = App.useApp();
  const list = useListState(LIST);
  // Default period: this month so far (Beijing calendar as the browser shows it).
  const from = list.filters.from ?? dayjs().startOf('month').format(DAY);
  const to = list.filters.to ?? dayjs().format(DAY);
  const groupBy = list.filters.groupBy ?? 'unit';
  const figures = useRequestFigures({ from, to, groupBy });
  const label = useCallback(
    (r: RequestFigureRow) => (r.kind === 'unrouted' ? w.unrouted : r.kind === 'total' ? w.total : r.label),
    [w],
  );
  const series: RateSeries[] = useMemo(
    () => [
      { key: 'acceptanceRate', name: w.acceptanceRate },
      { key: 'signOnTimeRate', name: w.signOnTimeRate },
      { key: 'resolveOnTimeRate', name: w.resolveOnTimeRate },
      { key: 'satisfactionRate', name: w.satisfactionRate },
    ],
    [w],
  );
  const columns: DataColumn<RequestFigureRow>[] = [
    { key: 'label', title: groupBy === 'unit' ? w.unit : w.category, render: label, card: 'title' },
    { key: 'received', title: w.received, align: 'right', render: (r) => r.received, card: 'extra' },
    ...series.map((s) => ({
      key: s.key,
      title: s.name,
      align: 'right' as const,
      render: (r: RequestFigureRow) => percent(r[s.key]),
    })),
    { key: 'unrated', title: w.unrated, align: 'right', render: (r) => r.unrated },
    { key: 'median', title: w.medianHours, align: 'right', render: (r) => hours(r.medianHoursToResolve) },
    { key: 'p90', title: w.p90Hours, align: 'right', render: (r) => hours(r.p90HoursToResolve) },
  ];
  const rows = figures.data ? [...figures.data.rows, ...(figures.data.rows.length ? [figures.data.total] : [])] : [];
  const doExport = () => exportRequestLedger({ from, to }).catch((e: unknown) => void message.error(errorMessage(e)));

  return (
    <>
      <PageHeader
        title={w.figuresTitle}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void doExport()} data-testid="request-ledger-export">
            {w.export}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Form layout="inline">
            <Form.Item label={w.period} style={{ marginBottom: 0 }}>
              <DatePicker.RangePicker
                allowClear={false}
                value={[dayjs(from), dayjs(to)]}
                onChange={(v) => {
                  if (v?.[0] && v[1]) list.setFilters({ from: v[0].format(DAY), to: v[1].format(DAY) });
                }}
                data-testid="request-figures-period"
              />
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            {w.definitions} {w.exportHelp}
          </Typography.Paragraph>
        </Card>
        <Tabs
          activeKey={groupBy}
          onChange={(k) => list.setFilters({ groupBy: k as 'unit' | 'category' })}
          items={[
            { key: 'unit', label: w.byUnit },
            { key: 'category', label: w.byCategory },
          ]}
        />
        {figures.data && figures.data.rows.length ? (
          <Card size="small" title={w.chartTitle}>
            <RatesChart rows={figures.data.rows} label={label} series={series} title={w.chartTitle} />
          </Card>
        ) : null}
        <DataTable<RequestFigureRow>
          testId="request-figures-table"
          rowKey={(r) => r.key}
          columns={columns}
          items={rows}
          query={figures}
          empty={w.none}
          paging={false}
          scrollX={1100}
        />
      </Flex>
    </>
  );
}
