import { Timeline, Typography } from 'antd';
import type { RequestEvent } from '@linli/contracts/modules/requests';
import { formatDateTime } from '../../../lib/format';
import { EVENT_WORDS, RATING_WORDS, STATUS_WORDS, URGENCY_WORDS, useCoreWords } from '../core-words';
import { Photos } from './Photos';

type Event = Omit<RequestEvent, 'actorName'> & { actorName?: string | null };

/** The words of an event's detail this page shows, by key; other keys (ids, codes) stay out of sight. */
function useDetailLines() {
  const w = useCoreWords();
  const labels: Record<string, string> = {
    reason: w.reason,
    note: w.note,
    reply: w.reply,
    unitLabel: w.unit,
    unit: w.unit,
    fromUnitLabel: w.fromUnit,
    toUnitLabel: w.unit,
    categoryName: w.category,
    urgency: w.urgency,
    publicText: w.publicText,
    rating: w.rating,
    comment: w.ratingComment,
    intoNumber: w.mergedInto,
    status: w.status,
  };
  const value = (key: string, v: unknown): string | null => {
    if (v === null || v === undefined || v === '') return null;
    if (key === 'rating' && typeof v === 'string') return w.say(RATING_WORDS, v);
    if (key === 'urgency' && typeof v === 'string') return w.say(URGENCY_WORDS, v);
    if (key === 'status' && typeof v === 'string') return w.say(STATUS_WORDS, v);
    if (typeof v === 'object' && v && 'label' in v) return String((v as { label: unknown }).label);
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    return null;
  };
  return (detail: Record<string, unknown>) =>
    Object.entries(detail).flatMap(([key, v]) => {
      const label = labels[key];
      const text = label ? value(key, v) : null;
      return label && text ? [{ key, label, text }] : [];
    });
}

/** The request's history: each step with who and when, its reason, note or reply, and its photos. */
export function History({
  events,
  photoUrl,
  testId = 'request-history',
}: {
  events: Event[];
  photoUrl: (photoId: string) => string;
  testId?: string;
}) {
  const w = useCoreWords();
  const lines = useDetailLines();
  if (!events.length) return <Typography.Text type="secondary">{w.noHistory}</Typography.Text>;
  return (
    <Timeline
      data-testid={testId}
      items={events.map((e) => ({
        key: e.id,
        color: e.kind === 'rejected' || e.kind === 'escalated' ? 'red' : e.kind === 'resolved' ? 'green' : 'blue',
        children: (
          <div data-testid={`${testId}-${e.kind}`}>
            <Typography.Text strong>{w.say(EVENT_WORDS, e.kind)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatDateTime(e.at).slice(0, 16)} {e.actorName ?? ''}
            </Typography.Text>
            {lines(e.detail).map((l) => (
              <div key={l.key} style={{ whiteSpace: 'pre-wrap' }}>
                {l.label}：{l.text}
              </div>
            ))}
            {e.photoIds.length ? (
              <Photos ids={e.photoIds} urlOf={photoUrl} testId={`${testId}-photos-${e.id}`} />
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
