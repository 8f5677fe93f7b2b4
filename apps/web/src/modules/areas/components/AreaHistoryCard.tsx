import { Card, Table, Tag, type TableProps } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
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
  const columns: TableProps<AreaChange>['columns'] = [
    { key: 'at', title: t('audit.at'), width: 170, render: (_, c) => formatDateTime(c.at) },
    { key: 'kind', title: t('audit.action'), width: 90, render: (_, c) => <Tag>{t(`areas.change.${c.kind}`)}</Tag> },
    { key: 'what', title: t('areas.changeWhat'), render: (_, c) => describe(c) || '—' },
    { key: 'version', title: t('areas.version'), width: 70, dataIndex: 'version' },
    { key: 'by', title: t('areas.changeBy'), width: 120, render: (_, c) => c.actorName ?? '—' },
  ];
  return (
    <Card size="small" title={t('areas.history')}>
      <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      <Table<AreaChange>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={history.data?.items ?? []}
        loading={history.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
        scroll={{ x: 560 }}
        data-testid="area-history"
      />
    </Card>
  );
}
