import { Table, Tag, Typography, type TablePaginationConfig, type TableProps } from 'antd';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { AuditEntry } from '../../../lib/types';

const RESULT_COLORS: Record<AuditEntry['result'], string> = { success: 'green', failure: 'orange', denied: 'red' };

interface AuditTableProps {
  data: AuditEntry[];
  pagination: TablePaginationConfig;
  loading: boolean;
}

/** The audit rows; on phones the table scrolls sideways inside its own container. */
export function AuditTable({ data, pagination, loading }: AuditTableProps) {
  const { t, roleName } = useI18n();
  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'at', title: t('audit.at'), width: 170, render: (_, e) => formatDateTime(e.at) },
    { key: 'actor', title: t('audit.actor'), width: 120, render: (_, e) => e.actorName ?? '—' },
    { key: 'role', title: t('audit.role'), width: 120, render: (_, e) => (e.role ? roleName(e.role) : '—') },
    { key: 'action', title: t('audit.action'), width: 170, render: (_, e) => <Typography.Text code>{e.action}</Typography.Text> },
    {
      key: 'object',
      title: t('audit.object'),
      width: 220,
      render: (_, e) =>
        e.objectType ? (
          <>
            {e.objectType}
            {e.objectIds.length ? (
              <Typography.Text
                type="secondary"
                title={e.objectIds.join(', ')}
                style={{ display: 'block', fontSize: 12, wordBreak: 'break-all' }}
              >
                {e.objectIds.slice(0, 2).join(', ')}
                {e.objectIds.length > 2 ? ` +${e.objectIds.length - 2}` : ''}
              </Typography.Text>
            ) : null}
          </>
        ) : (
          '—'
        ),
    },
    { key: 'fields', title: t('audit.fields'), width: 160, render: (_, e) => (e.fields.length ? e.fields.join(', ') : '—') },
    {
      key: 'result',
      title: t('audit.result'),
      width: 90,
      render: (_, e) => <Tag color={RESULT_COLORS[e.result]}>{t(`audit.result.${e.result}`)}</Tag>,
    },
    { key: 'ip', title: t('audit.ip'), width: 130, render: (_, e) => e.ip ?? '—' },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      width: 200,
      render: (_, e) => (e.requestId ? <Typography.Text copyable style={{ fontSize: 12 }}>{e.requestId}</Typography.Text> : '—'),
    },
  ];

  return (
    <div className="linli-table-scroll">
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={data}
        loading={loading}
        scroll={{ x: 1380 }}
        pagination={pagination}
      />
    </div>
  );
}
