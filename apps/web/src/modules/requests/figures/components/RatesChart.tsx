import { useEffect, useRef } from 'react';
import { theme } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { RequestFigureRow } from '@linli/contracts/modules/requests';

// Only the parts of ECharts this chart uses, so the page's bundle stays small.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface RateSeries {
  key: 'acceptanceRate' | 'signOnTimeRate' | 'resolveOnTimeRate' | 'satisfactionRate';
  name: string;
}

/** The four rates of each row as grouped bars (percent); a rate without a base is left out, not drawn as 0. */
export function RatesChart({
  rows,
  label,
  series,
  title,
}: {
  rows: RequestFigureRow[];
  label: (row: RequestFigureRow) => string;
  series: RateSeries[];
  title: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { token } = theme.useToken();
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const colors = [token.colorPrimary, token.colorInfo, token.colorSuccess, token.colorWarning];
    chart.setOption({
      color: colors,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
      legend: { top: 0, textStyle: { color: token.colorText } },
      grid: { left: 48, right: 16, top: 40, bottom: 64 },
      xAxis: {
        type: 'category',
        data: rows.map(label),
        axisLabel: { color: token.colorText, interval: 0, rotate: rows.length > 4 ? 30 : 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { color: token.colorText, formatter: '{value}%' } },
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        data: rows.map((r) => (r[s.key] === null ? null : Math.round((r[s.key] as number) * 1000) / 10)),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, label, series, token]);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={title}
      data-testid="request-figures-chart"
      style={{ width: '100%', height: 320 }}
    />
  );
}
