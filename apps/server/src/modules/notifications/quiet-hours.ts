/**
 * Quiet hours for SMS: 21:00–08:00 China time (UTC+8, no daylight saving). A non-urgent text due then waits until
 * the next 08:00 instead of being dropped.
 */
export const QUIET_FROM_HOUR = 21;
export const QUIET_TO_HOUR = 8;
const CHINA_OFFSET_MS = 8 * 3600_000;

export function inQuietHours(now: Date): boolean {
  const hour = new Date(now.getTime() + CHINA_OFFSET_MS).getUTCHours();
  return hour >= QUIET_FROM_HOUR || hour < QUIET_TO_HOUR;
}

/** When a text due at `now` may go: `now`, or the end of the quiet hours it falls in. */
export function smsSendableAt(now: Date, urgent: boolean): Date {
  if (urgent || !inQuietHours(now)) return now;
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const day = china.getUTCHours() >= QUIET_FROM_HOUR ? china.getUTCDate() + 1 : china.getUTCDate();
  // 08:00 in China is 00:00 UTC of the same calendar day.
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), day, QUIET_TO_HOUR) - CHINA_OFFSET_MS);
}
