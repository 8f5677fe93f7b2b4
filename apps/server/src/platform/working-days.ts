// Chinese working days (工作日) for deadlines: weekends, public holidays and 调休 make-up days (a Saturday or Sunday
// that is a working day) come from the maintained `chinese-days` package (the State Council's yearly notices), never
// from a hand-written list. Days are Asia/Shanghai calendar days ('YYYY-MM-DD', as in platform/dates.ts).
//
// Past the package's last known year (2026 in chinese-days 1.5.7) a working day is Monday to Friday (weekends only,
// no holidays): deadlines there are still computed, one process warning is emitted the first time such a day is
// asked about, and updating the package (`npm update chinese-days`) brings the new year's notice in.
import { createRequire } from 'node:module';
import { addDays, chinaToday, daysBetween } from './dates';

const CHINA_OFFSET_MS = 8 * 3600_000;

// The package's own functions read its tables through local-time Date getters and answer a day off in a process
// west of UTC; its data file (dates as 'YYYY-MM-DD' keys) is used instead, with the weekday taken in UTC.
interface ChineseDaysData {
  /** Public holidays (放假), by date. */
  holidays: Record<string, string>;
  /** Make-up working days on a weekend (调休上班), by date. */
  workdays: Record<string, string>;
}
const require = createRequire(import.meta.url);
const DATA = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;

/** The last year the package has a holiday arrangement for (it holds every year from 2004 on). */
const LAST_KNOWN_YEAR = Math.max(...Object.keys(DATA.holidays).map((d) => Number(d.slice(0, 4))));

let warned = false;
function warnPastKnownYears(isoDate: string): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    `working days in ${isoDate.slice(0, 4)} count weekends only: chinese-days knows holidays up to ${LAST_KNOWN_YEAR}`,
    { code: 'LINLI_WORKING_DAYS' },
  );
}

/** Whether a China calendar day ('YYYY-MM-DD') is a working day: 调休 make-up weekends are, public holidays are not. */
export function isWorkingDay(isoDate: string): boolean {
  if (DATA.workdays[isoDate]) return true;
  if (DATA.holidays[isoDate]) return false;
  if (Number(isoDate.slice(0, 4)) > LAST_KNOWN_YEAR) warnPastKnownYears(isoDate);
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay(); // 0 = Sunday … 6 = Saturday
  return weekday >= 1 && weekday <= 5;
}

/** The n-th working day strictly after `day` (n ≥ 1); for n = 0, `day` itself when it is one, else the next. */
export function nthWorkingDayAfter(day: string, n: number): string {
  let current = day;
  if (n <= 0) {
    while (!isWorkingDay(current)) current = addDays(current, 1);
    return current;
  }
  let counted = 0;
  while (counted < n) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) counted += 1;
  }
  return current;
}

/**
 * The deadline n working days after `from`: the end (23:59:59.999 Asia/Shanghai) of the n-th working day after the
 * China calendar day `from` falls on. The day of arrival never counts, so a request that arrives on a holiday or a
 * weekend starts counting at the next working day (that day is day 1).
 */
export function addWorkingDays(from: Date, n: number): Date {
  const day = nthWorkingDayAfter(chinaToday(from), n);
  return new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) - CHINA_OFFSET_MS - 1);
}

/**
 * Working days from `a` to `b` on China calendar days: those after a's day up to and including b's day (so
 * `workingDaysBetween(from, addWorkingDays(from, n)) === n`); negative when b is before a.
 */
export function workingDaysBetween(a: Date, b: Date): number {
  const from = chinaToday(a);
  const to = chinaToday(b);
  if (to < from) return -workingDaysBetween(b, a);
  let count = 0;
  for (let i = 1, days = daysBetween(from, to); i <= days; i += 1) if (isWorkingDay(addDays(from, i))) count += 1;
  return count;
}
