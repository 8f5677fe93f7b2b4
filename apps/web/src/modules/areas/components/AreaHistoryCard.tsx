import { Card, Tag } from 'antd';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { AreaChange } from '../../../lib/types';
import { useAreaHistory } from '../api';

function describe(change: AreaChange): string {
  const name = (v: Record<string, unknown> | null) => (v && typeof v.name === 'string' ? v.name : null);
  const before = name(change.before);
  const after = name(change.after);
  if (before && after && before !== after) return `${before} → ${after}`;
  if (change.after && typeof change.after.mergedInto === 'string') return `→ ${change.after.mergedInto}`;
  return after ?? before ?? '';
}

/** The area's change history (created / renamed / merged / imported), newest first as the server sends it. */
export function AreaHistoryCard({ code }: { code: string }) {
  const { t } = useI18n();
  const history = useAreaHistory(code);
  const columns: DataColumn<AreaChange>[] = [
    { key: 'at', title: t('audit.at'), width: 170, card: 'title', render: (c) => formatDateTime(c.at) },
    {
      key: 'kind',
      title: t('audit.action'),
      width: 90,
      card: 'extra',
      render: (c) => <Tag>{t(`areas.change.${c.kind}`)}</Tag>,
    },
    { key: 'what', title: t('areas.changeWhat'), render: (c) => describe(c) || '—' },
    { key: 'version', title: t('areas.version'), width: 70, render: (c) => c.version },
    { key: 'by', title: t('areas.changeBy'), width: 120, render: (c) => c.actorName ?? '—' },
  ];
  return (
    <Card size="small" title={t('areas.history')}>
      <DataTable<AreaChange>
        testId="area-history"
        rowKey={(c) => c.id}
        columns={columns}
        items={history.data?.items}
        query={history}
        empty={t('app.empty')}
        compact
        paging={{ pageSize: 10 }}
        scrollX={560}
      />
    </Card>
  );
}
