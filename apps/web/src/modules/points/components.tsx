import { Flex, Statistic, Tag } from 'antd';
import type { PointStatementLine } from '@linli/contracts/modules/points';
import type { DataColumn } from '../../components/DataTable';
import { formatDateTime } from '../../lib/format';
import { usePointsWords } from './words';

/** The totals of a statement (earned, spent, returned, reversed, adjusted). */
export function PointTotalsView({
  totals,
  testId,
}: {
  totals: { earned: number; spent: number; returned: number; reversed: number; adjusted: number };
  testId: string;
}) {
  const w = usePointsWords();
  return (
    <Flex wrap gap={24} data-testid={testId}>
      <Statistic title={w.earned} value={totals.earned} />
      <Statistic title={w.spent} value={totals.spent} />
      <Statistic title={w.returned} value={totals.returned} />
      <Statistic title={w.reversed} value={totals.reversed} />
      <Statistic title={w.adjusted} value={totals.adjusted} />
    </Flex>
  );
}

export function useLineColumns(): DataColumn<PointStatementLine>[] {
  const w = usePointsWords();
  return [
    { key: 'time', title: w.time, render: (l) => formatDateTime(l.createdAt) },
    { key: 'kind', title: w.type, card: 'title', render: (l) => <Tag>{w.transferKinds[l.kind] ?? l.kind}</Tag> },
    {
      key: 'points',
      title: w.points,
      align: 'right',
      card: 'extra',
      render: (l) => (
        <span style={{ color: l.points > 0 ? '#389e0d' : '#cf1322' }} data-testid={`points-line-${l.id}`}>
          {l.points > 0 ? `+${l.points}` : l.points}
        </span>
      ),
    },
    { key: 'memo', title: w.memo, render: (l) => l.memo },
  ];
}
