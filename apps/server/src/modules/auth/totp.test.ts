import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, totpAt, totpStep } from './totp';

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  const rfcSecret = Buffer.from('12345678901234567890');

  it('matches the RFC 4226 HOTP test vectors', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expected.forEach((code, counter) => expect(hotp(rfcSecret, counter)).toBe(code));
  });

  it('matches the RFC 6238 SHA-1 vector at T=59s (last 6 digits of 94287082)', () => {
    expect(totpAt(base32Encode(rfcSecret), new Date(59_000))).toBe('287082');
  });

  it('round-trips base32', () => {
    expect(base32Decode(base32Encode(rfcSecret)).equals(rfcSecret)).toBe(true);
  });

  it('accepts one step of drift, refuses two, and never accepts a step twice', () => {
    const secret = base32Encode(rfcSecret);
    const now = new Date('2026-03-01T00:00:00Z');
    const previous = totpAt(secret, new Date(now.getTime() - 30_000));
    expect(matchTotp(secret, previous, now, null)).toBe(totpStep(now) - 1);
    expect(matchTotp(secret, totpAt(secret, new Date(now.getTime() - 60_000)), now, null)).toBeNull();
    const step = matchTotp(secret, totpAt(secret, now), now, null);
    expect(step).toBe(totpStep(now));
    expect(matchTotp(secret, totpAt(secret, now), now, step)).toBeNull();
  });
});
