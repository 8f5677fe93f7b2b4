// Rotating signed codes (issue 12): the check-in QR code an organiser shows, the code a volunteer shows at the charity
// supermarket's counter. A code names a subject (an activity, a volunteer) and a time window of `periodMs`; it is an
// HMAC under a key derived for its purpose, so it cannot be forged, and it goes stale with its window, so a screenshot
// forwarded to someone elsewhere is refused a minute later. Replays inside the window are the caller's to refuse (it
// knows who used which window).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Keys } from './keys';

export const ROTATION_MS = 30_000;

export type CodePurpose = 'activity.checkin' | 'volunteer.counter';

export interface RotatingCode {
  code: string;
  window: number;
  /** When the code stops being shown (it is still accepted for `graceWindows` more windows, for slow scans). */
  rotatesAt: Date;
}

export type VerifiedCode =
  { ok: true; subject: string; window: number } | { ok: false; reason: 'malformed' | 'forged' | 'stale' };

function purposeKey(keys: Keys, purpose: CodePurpose): Buffer {
  // Derived from the blind-index key with its own label: no new secret in the key file, none shared across purposes.
  return Buffer.from(hkdfSync('sha256', keys.blindIndex, Buffer.alloc(0), `linli rotating code ${purpose} v1`, 32));
}

function mac(keys: Keys, purpose: CodePurpose, subject: string, window: number): string {
  return createHmac('sha256', purposeKey(keys, purpose))
    .update(`${subject}.${window}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function windowOf(now: Date, periodMs = ROTATION_MS): number {
  return Math.floor(now.getTime() / periodMs);
}

/** The code for `subject` in the window `now` falls in. Subjects must not contain '.' (ids do not). */
export function issueRotatingCode(
  keys: Keys,
  purpose: CodePurpose,
  subject: string,
  now: Date,
  periodMs = ROTATION_MS,
): RotatingCode {
  if (subject.includes('.')) throw new Error('a rotating code subject must not contain "."');
  const window = windowOf(now, periodMs);
  return {
    code: `${subject}.${window}.${mac(keys, purpose, subject, window)}`,
    window,
    rotatesAt: new Date((window + 1) * periodMs),
  };
}

/**
 * Checks a scanned code: well formed, signed for this purpose, and from the current window or at most `graceWindows`
 * before it (default 1: a code scanned just as it rotated still works; one older than a minute does not).
 */
export function verifyRotatingCode(
  keys: Keys,
  purpose: CodePurpose,
  code: string,
  now: Date,
  { periodMs = ROTATION_MS, graceWindows = 1 }: { periodMs?: number; graceWindows?: number } = {},
): VerifiedCode {
  const parts = code.trim().split('.');
  if (parts.length !== 3 || code.length > 200) return { ok: false, reason: 'malformed' };
  const [subject, windowText, given] = parts as [string, string, string];
  if (!/^\d{1,15}$/.test(windowText) || subject.length === 0) return { ok: false, reason: 'malformed' };
  const window = Number(windowText);
  const expected = Buffer.from(mac(keys, purpose, subject, window));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'forged' };
  const current = windowOf(now, periodMs);
  if (window > current || window < current - graceWindows) return { ok: false, reason: 'stale' };
  return { ok: true, subject, window };
}
