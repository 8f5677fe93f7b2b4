// Calendar dates as 'YYYY-MM-DD' strings (the form PostgreSQL `date` columns and the contracts' DateOnly use).
// Arithmetic runs in UTC on the date alone, so no time zone or daylight-saving shift can move a day.

/** Today in China (visits and due dates are local calendar days). */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar months later, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Days a visit window that closed on `windowEnd` is overdue on `today` (both China calendar dates): 0 while the
 * window is open, 1 on the day after it closed. Every page (worklist, client list and detail, supervisor queue, 工作台)
 * says this one number; the dashboard's ageing buckets (migration 0008) count `today - window_end` the same way.
 */
export function overdueDays(windowEnd: string, today: string): number {
  return windowEnd < today ? daysBetween(windowEnd, today) : 0;
}

/** The Sunday that ends the ISO week (Monday–Sunday) `date` falls in; a Sunday is its own week's end. */
export function isoWeekEnd(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday … 6 = Saturday
  return addDays(date, (7 - weekday) % 7);
}
