import { describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaToday, daysBetween } from './dates';

describe('calendar dates', () => {
  it('handles calendar arithmetic across months and in China time', () => {
    expect(addDays('2026-02-25', 7)).toBe('2026-03-04');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(chinaToday(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });

  it('counts the days between two dates, across a month end', () => {
    expect(daysBetween('2026-02-25', '2026-03-04')).toBe(7);
    expect(daysBetween('2026-03-04', '2026-02-25')).toBe(-7);
  });
});
