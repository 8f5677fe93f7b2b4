import { describe, expect, it } from 'vitest';
import { generateKeys } from './keys';
import { issueRotatingCode, verifyRotatingCode } from './signed-codes';

describe('rotating signed codes', () => {
  const keys = generateKeys();
  const t0 = new Date('2026-12-02T08:00:05Z');

  it('accepts a fresh code and one scanned just after it rotated', () => {
    const { code } = issueRotatingCode(keys, 'activity.checkin', 'abc', t0);
    expect(verifyRotatingCode(keys, 'activity.checkin', code, t0)).toMatchObject({ ok: true, subject: 'abc' });
    expect(verifyRotatingCode(keys, 'activity.checkin', code, new Date(t0.getTime() + 30_000)).ok).toBe(true);
  });

  it('refuses a stale code, a code from the future, a forged one and one for another purpose', () => {
    const { code, window } = issueRotatingCode(keys, 'activity.checkin', 'abc', t0);
    expect(verifyRotatingCode(keys, 'activity.checkin', code, new Date(t0.getTime() + 61_000))).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyRotatingCode(keys, 'activity.checkin', code, new Date(t0.getTime() - 30_000))).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyRotatingCode(keys, 'activity.checkin', `xyz.${window}.${code.split('.')[2]}`, t0)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyRotatingCode(keys, 'volunteer.counter', code, t0)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyRotatingCode(generateKeys(), 'activity.checkin', code, t0)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyRotatingCode(keys, 'activity.checkin', 'not a code', t0)).toEqual({ ok: false, reason: 'malformed' });
  });
});
