import { Tag, Typography } from 'antd';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES } from '@linli/contracts';
import { DataTable, type DataColumn, type DataTablePaging } from '../../../components/DataTable';
import { type I18n, type MessageKey, useI18n } from '../../../i18n';
import { auditZh } from '../../../i18n/audit';
import { formatDateTime } from '../../../lib/format';
import type { AuditEntry } from '../../../lib/types';

const RESULT_COLORS: Record<AuditEntry['result'], string> = { success: 'green', failure: 'orange', denied: 'red' };

interface AuditTableProps {
  items: AuditEntry[] | undefined;
  query: { isFetching: boolean; error: unknown; refetch: () => unknown };
  paging: DataTablePaging;
}

const isAction = (a: string): a is (typeof AUDIT_ACTIONS)[number] => (AUDIT_ACTIONS as readonly string[]).includes(a);
const isObjectType = (o: string): o is (typeof AUDIT_OBJECT_TYPES)[number] =>
  (AUDIT_OBJECT_TYPES as readonly string[]).includes(o);

/** A row's words: the action, object kind and field names from the catalogue (a code this build lacks stays as is). */
function words(t: I18n['t'], fieldText: (name: string) => string | null) {
  return {
    action: (a: string) => (isAction(a) ? t(`audit.action.${a}`) : a),
    objectType: (o: string) => (isObjectType(o) ? t(`audit.objectType.${o}`) : o),
    fields: (names: string[]) => names.map((f) => fieldText(f) ?? f).join('、'),
  };
}

/** The audit rows: a wide table scrolling inside its own container, one card per row on phones. */
export function AuditTable({ items, query, paging }: AuditTableProps) {
  const { t, roleName } = useI18n();
  const say = words(t, (f) => {
    const key = `audit.field.${f}`;
    return key in auditZh ? t(key as MessageKey) : null;
  });
  const columns: DataColumn<AuditEntry>[] = [
    { key: 'at', title: t('audit.at'), width: 170, card: 'title', render: (e) => formatDateTime(e.at) },
    { key: 'actor', title: t('audit.actor'), width: 120, render: (e) => e.actorName ?? '—' },
    { key: 'role', title: t('audit.role'), width: 120, render: (e) => (e.role ? roleName(e.role) : '—') },
    {
      key: 'action',
      title: t('audit.action'),
      width: 170,
      render: (e) => <span data-testid="audit-action">{say.action(e.action)}</span>,
    },
    {
      key: 'object',
      title: t('audit.object'),
      width: 220,
      render: (e) =>
        e.objectType ? (
          <>
            {say.objectType(e.objectType)}
            {e.clientName ? (
              <span data-testid="audit-client">
                {' · '}
                {e.clientName}
              </span>
            ) : null}
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
    {
      key: 'fields',
      title: t('audit.fields'),
      width: 160,
      render: (e) => (e.fields.length ? say.fields(e.fields) : '—'),
    },
    {
      key: 'result',
      title: t('audit.result'),
      width: 90,
      card: 'extra',
      render: (e) => <Tag color={RESULT_COLORS[e.result]}>{t(`audit.result.${e.result}`)}</Tag>,
    },
    { key: 'ip', title: t('audit.ip'), width: 130, render: (e) => e.ip ?? '—' },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      width: 200,
      render: (e) =>
        e.requestId ? (
          <Typography.Text copyable style={{ fontSize: 12 }}>
            {e.requestId}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <DataTable<AuditEntry>
      testId="audit-table"
      rowKey={(e) => String(e.seq)}
      columns={columns}
      items={items}
      query={query}
      empty={t('app.empty')}
      scrollX={1380}
      paging={paging}
    />
  );
}
