import { isoWeekEnd } from '../../../platform/dates';

/** Where a planned visit sits on the worklist on `today` (China calendar dates). */
export type WorklistBucket = 'overdue' | 'dueToday' | 'thisWeek' | 'later';

/**
 * The worklist's buckets, as their labels say: 逾期 the window closed before today; 今天 the window contains today;
 * 本周 the window opens after today and no later than this ISO week's Sunday; anything later is not on the list yet.
 */
export function worklistBucket(visit: { windowStart: string; windowEnd: string }, today: string): WorklistBucket {
  if (visit.windowEnd < today) return 'overdue';
  if (visit.windowStart <= today) return 'dueToday';
  return visit.windowStart <= isoWeekEnd(today) ? 'thisWeek' : 'later';
}

/** The last day the worklist reaches: the end of today's ISO week. */
export const worklistHorizon = (today: string): string => isoWeekEnd(today);

/** Splits visits into the worklist's three lists (visits beyond this week are dropped). */
export function bucketVisits<V extends { windowStart: string; windowEnd: string }>(visits: V[], today: string) {
  const buckets = { overdue: [] as V[], dueToday: [] as V[], thisWeek: [] as V[] };
  for (const v of visits) {
    const bucket = worklistBucket(v, today);
    if (bucket !== 'later') buckets[bucket].push(v);
  }
  return buckets;
}
