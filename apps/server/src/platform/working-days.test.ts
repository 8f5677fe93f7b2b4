import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, nthWorkingDayAfter, workingDaysBetween } from './working-days';

// Real State Council arrangements as chinese-days records them:
// 2025 国庆+中秋: 10-01 (Wed) … 10-08 (Wed) off; Sun 09-28 and Sat 10-11 are working days (调休).
// 2026 春节: 02-15 (Sun) … 02-23 (Mon) off; Sat 02-14 and Sat 02-28 are working days.
/** 23:59:59.999 in China on `day`, as an instant. */
const endOfChinaDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

describe('working days', () => {
  it('knows 2025 National Day holidays and make-up days', () => {
    expect(isWorkingDay('2025-09-26')).toBe(true); // Friday
    expect(isWorkingDay('2025-09-27')).toBe(false); // Saturday
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休 make-up day
    for (let d = 1; d <= 8; d += 1) expect(isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休 make-up day
    expect(isWorkingDay('2025-10-12')).toBe(false); // an ordinary Sunday
  });

  it('counts from Friday 2025-09-26 across the make-up Sunday and the National Day week', () => {
    const friday = new Date('2025-09-26T10:00:00+08:00');
    expect(addWorkingDays(friday, 1)).toEqual(endOfChinaDay('2025-09-28')); // Saturday skipped, Sunday works
    expect(addWorkingDays(friday, 3)).toEqual(endOfChinaDay('2025-09-30'));
    expect(addWorkingDays(friday, 4)).toEqual(endOfChinaDay('2025-10-09')); // 10-01 … 10-08 skipped
    expect(addWorkingDays(friday, 6)).toEqual(endOfChinaDay('2025-10-11')); // the make-up Saturday counts
    expect(addWorkingDays(friday, 7)).toEqual(endOfChinaDay('2025-10-13')); // Sunday 10-12 does not
    expect(workingDaysBetween(friday, endOfChinaDay('2025-10-13'))).toBe(7);
  });

  it('takes the day in Asia/Shanghai: 16:30 UTC on Thursday is already Friday there', () => {
    expect(addWorkingDays(new Date('2025-09-25T15:30:00Z'), 1)).toEqual(endOfChinaDay('2025-09-26')); // Thu 23:30
    expect(addWorkingDays(new Date('2025-09-25T16:30:00Z'), 1)).toEqual(endOfChinaDay('2025-09-28')); // Fri 00:30
  });

  it('starts counting at the next working day for a request that arrives on a holiday', () => {
    const holiday = new Date('2025-10-03T09:00:00+08:00');
    expect(addWorkingDays(holiday, 1)).toEqual(endOfChinaDay('2025-10-09'));
    expect(addWorkingDays(holiday, 2)).toEqual(endOfChinaDay('2025-10-10'));
    expect(addWorkingDays(holiday, 0)).toEqual(endOfChinaDay('2025-10-09'));
  });

  it('knows the 2026 Spring Festival and its make-up Saturdays', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-02-15')).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(false); // Monday, still 春节
    expect(isWorkingDay('2026-02-28')).toBe(true); // Saturday, 调休
    const friday = new Date('2026-02-13T16:00:00+08:00');
    expect(addWorkingDays(friday, 1)).toEqual(endOfChinaDay('2026-02-14'));
    expect(addWorkingDays(friday, 2)).toEqual(endOfChinaDay('2026-02-24')); // nine days off skipped
    expect(nthWorkingDayAfter('2026-02-24', 4)).toBe('2026-02-28'); // Tue → Wed, Thu, Fri, make-up Sat
    expect(workingDaysBetween(friday, endOfChinaDay('2026-03-02'))).toBe(7); // 02-14, 02-24 … 02-28, 03-02;
  });

  it('counts weekends only past the last year the package knows', () => {
    expect(isWorkingDay('2099-01-01')).toBe(true); // a Thursday; New Year unknown so far ahead
    expect(isWorkingDay('2099-01-03')).toBe(false); // Saturday
  });

  it('is negative when the end is before the start, and zero on the same day', () => {
    const a = new Date('2025-09-26T10:00:00+08:00');
    expect(workingDaysBetween(a, new Date('2025-09-26T18:00:00+08:00'))).toBe(0);
    expect(workingDaysBetween(endOfChinaDay('2025-09-30'), a)).toBe(-3);
  });
});
