import { describe, expect, it } from 'vitest';
import { inQuietHours, smsSendableAt } from './quiet-hours';

describe('quiet hours (21:00–08:00 China time)', () => {
  it('knows the edges', () => {
    expect(inQuietHours(new Date('2026-03-02T12:59:59Z'))).toBe(false); // 20:59:59
    expect(inQuietHours(new Date('2026-03-02T13:00:00Z'))).toBe(true); // 21:00
    expect(inQuietHours(new Date('2026-03-02T23:59:59Z'))).toBe(true); // 07:59:59 next day
    expect(inQuietHours(new Date('2026-03-03T00:00:00Z'))).toBe(false); // 08:00
  });

  it('defers a non-urgent text to the next 08:00, before and after midnight; urgent goes now', () => {
    expect(smsSendableAt(new Date('2026-03-02T14:30:00Z'), false).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(smsSendableAt(new Date('2026-03-02T18:30:00Z'), false).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(smsSendableAt(new Date('2026-03-31T15:00:00Z'), false).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(smsSendableAt(new Date('2026-03-02T14:30:00Z'), true).toISOString()).toBe('2026-03-02T14:30:00.000Z');
    expect(smsSendableAt(new Date('2026-03-02T04:00:00Z'), false).toISOString()).toBe('2026-03-02T04:00:00.000Z');
  });
});
