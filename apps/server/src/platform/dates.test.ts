import { describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaToday, daysBetween, isoWeekEnd, overdueDays } from './dates';

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

  it('counts overdue days from the window end, 0 while the window is open, on China calendar dates', () => {
    expect(overdueDays('2026-03-04', '2026-03-04')).toBe(0); // the window's last day
    expect(overdueDays('2026-03-10', '2026-03-04')).toBe(0);
    expect(overdueDays('2026-03-04', '2026-03-05')).toBe(1); // the day after
    expect(overdueDays('2026-02-25', '2026-03-04')).toBe(7); // across a month end
    // 16:05 UTC on Sunday 8 March is 00:05 on Monday 9 March in China: a window that ended on the Sunday is one day late.
    expect(overdueDays('2026-03-08', chinaToday(new Date('2026-03-08T16:05:00Z')))).toBe(1);
    expect(overdueDays('2026-03-08', chinaToday(new Date('2026-03-08T15:55:00Z')))).toBe(0);
  });

  it('ends the ISO week on Sunday', () => {
    expect(isoWeekEnd('2026-03-02')).toBe('2026-03-08'); // Monday
    expect(isoWeekEnd('2026-03-05')).toBe('2026-03-08'); // Thursday
    expect(isoWeekEnd('2026-03-08')).toBe('2026-03-08'); // Sunday: its own week's end
    expect(isoWeekEnd('2026-12-31')).toBe('2027-01-03'); // across a year end
    expect(isoWeekEnd(chinaToday(new Date('2026-03-08T16:05:00Z')))).toBe('2026-03-15'); // just after midnight Monday
  });
});
