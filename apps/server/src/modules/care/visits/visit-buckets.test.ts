import { describe, expect, it } from 'vitest';
import { chinaToday } from '../../../platform/dates';
import { bucketVisits, worklistBucket } from './visit-buckets';

const w = (windowStart: string, windowEnd: string) => ({ windowStart, windowEnd });

describe('worklist buckets', () => {
  it('on a Monday: overdue before today, today inside the window, this week up to Sunday', () => {
    const monday = '2026-03-02';
    expect(worklistBucket(w('2026-02-20', '2026-03-01'), monday)).toBe('overdue'); // closed on Sunday
    expect(worklistBucket(w('2026-02-28', '2026-03-02'), monday)).toBe('dueToday'); // closes today
    expect(worklistBucket(w('2026-03-02', '2026-03-06'), monday)).toBe('dueToday'); // opens today
    expect(worklistBucket(w('2026-03-03', '2026-03-05'), monday)).toBe('thisWeek');
    expect(worklistBucket(w('2026-03-08', '2026-03-10'), monday)).toBe('thisWeek'); // opens on Sunday
    expect(worklistBucket(w('2026-03-09', '2026-03-11'), monday)).toBe('later'); // next Monday
  });

  it('on a Sunday nothing is left of the week', () => {
    const sunday = '2026-03-08';
    expect(worklistBucket(w('2026-03-09', '2026-03-10'), sunday)).toBe('later');
    expect(worklistBucket(w('2026-03-07', '2026-03-08'), sunday)).toBe('dueToday');
    expect(worklistBucket(w('2026-03-01', '2026-03-07'), sunday)).toBe('overdue');
  });

  it('just after midnight China time the day (and the week) has turned', () => {
    const today = chinaToday(new Date('2026-03-08T16:01:00Z')); // Monday 9 March, 00:01 in China
    expect(today).toBe('2026-03-09');
    expect(worklistBucket(w('2026-03-06', '2026-03-08'), today)).toBe('overdue');
    expect(worklistBucket(w('2026-03-15', '2026-03-17'), today)).toBe('thisWeek');
  });

  it('splits a list, dropping what falls after this week', () => {
    const list = [w('2026-02-01', '2026-02-03'), w('2026-03-04', '2026-03-06'), w('2026-03-03', '2026-03-05')];
    expect(bucketVisits(list, '2026-03-04')).toEqual({
      overdue: [list[0]],
      dueToday: [list[1], list[2]],
      thisWeek: [],
    });
    expect(bucketVisits([w('2026-03-12', '2026-03-14')], '2026-03-04')).toEqual({
      overdue: [],
      dueToday: [],
      thisWeek: [],
    });
  });
});
