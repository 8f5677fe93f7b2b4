import { Card, Timeline, Typography } from 'antd';
import type { OrganisationEvent } from '@linli/contracts/modules/organisations';
import { formatDateTime } from '../../../lib/format';
import { useOrganisationsWords } from '../words';

const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join('、') : String(v);

/** The partner's history: who registered, edited, disabled or imported it, and which fields changed. */
export function HistoryCard({ events }: { events: OrganisationEvent[] }) {
  const w = useOrganisationsWords();
  const label = (field: string) => (w as unknown as Record<string, string>)[field] ?? field;
  return (
    <Card size="small" title={w.history} data-testid="organisation-history">
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          children: (
            <>
              <Typography.Text strong>{w.event(e.kind)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {formatDateTime(e.at)} {e.actorName ?? ''}
              </Typography.Text>
              {e.changes.map((c) => (
                <div key={c.field}>
                  {label(c.field)}：{show(c.before)} → {show(c.after)}
                </div>
              ))}
              {e.fields.filter((f) => !e.changes.some((c) => c.field === f)).length ? (
                <div>
                  {e.fields
                    .filter((f) => !e.changes.some((c) => c.field === f))
                    .map(label)
                    .join('、')}
                </div>
              ) : null}
            </>
          ),
        }))}
      />
    </Card>
  );
}
