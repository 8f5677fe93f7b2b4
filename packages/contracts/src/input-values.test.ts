import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BirthDate, BirthDateInput, DateOnly, IdNumberInput, chinaToday, isCalendarDate } from './care';
import { idCheckCharacter } from './id-number';
import { IsoDateTimeInput, findUnstorableText, isStorableText, toStorableText } from './common';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('DateOnly (F11: impossible dates answered 500)', () => {
  it('accepts real dates between 1900 and 2100', () => {
    for (const d of ['2026-02-28', '2024-02-29', '2000-02-29', '1900-01-01', '2100-12-31', '2026-12-31'])
      expect(DateOnly.safeParse(d).success, d).toBe(true);
  });

  it('refuses dates that do not exist, with one clear message', () => {
    for (const d of [
      '2026-02-30',
      '2025-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-01-00',
    ]) {
      expect(messages(DateOnly.safeParse(d)), d).toEqual(['field.date_invalid']);
    }
  });

  it('refuses years outside 1900–2100 and anything not YYYY-MM-DD', () => {
    for (const d of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31'])
      expect(messages(DateOnly.safeParse(d)), d).toEqual(['field.date_range']);
    for (const d of ['2026-2-3', '20260302', '2026-03-02T00:00:00Z', '', 'yesterday', '2026-03-02\u0000']) {
      expect(messages(DateOnly.safeParse(d)), d).toEqual(['field.date_format']);
    }
  });

  it('agrees with Date on every day of 1900–2100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const exists = new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
          expect(isCalendarDate(text)).toBe(exists);
          expect(DateOnly.safeParse(text).success).toBe(exists);
        },
      ),
      { seed: 11 },
    );
  });

  it('birth dates go back to 1880, as ID numbers do', () => {
    expect(BirthDate.safeParse('1885-06-01').success).toBe(true);
    expect(BirthDate.safeParse('1879-12-31').success).toBe(false);
    expect(BirthDate.safeParse('1900-02-29').success).toBe(false);
  });
});

describe('IsoDateTimeInput', () => {
  it('accepts ISO 8601 date-times with Z or an offset', () => {
    for (const v of [
      '2026-03-02T08:00:00Z',
      '2026-03-02T08:00:00.123Z',
      '2026-03-02T16:00:00+08:00',
      new Date('2026-03-02T00:00:00Z').toISOString(),
    ]) {
      expect(IsoDateTimeInput.safeParse(v).success, v).toBe(true);
    }
  });

  it('refuses anything else, including impossible dates and far years', () => {
    for (const v of [
      '2026-02-30T10:00:00Z',
      '2026-03-01T25:00:00Z',
      '2026-03-01 10:00',
      '2026-03-01',
      '2026-03-01T10:00:00',
      'yesterday',
      'Mon, 02 Mar 2026 01:00:00 GMT',
      '1e400',
      '',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00Z',
    ]) {
      expect(IsoDateTimeInput.safeParse(v).success, v).toBe(false);
    }
  });
});

describe('text PostgreSQL cannot store', () => {
  it('finds NUL and lone surrogates, in values and keys, at any depth', () => {
    expect(isStorableText('邻里 😀 ok')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\uD800')).toBe(false);
    expect(isStorableText('a\uDFFFb')).toBe(false);
    expect(findUnstorableText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toBe('a.1.c');
    expect(findUnstorableText({ ok: { '\u0000': 1 } })).toBe('ok.\u0000');
    expect(findUnstorableText({ a: 1, b: [true, null, '😀'] })).toBeNull();
    expect(findUnstorableText(undefined)).toBeNull();
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toMatch(/^0(\.0)+$/);
  });

  it('replaces what it cannot store with U+FFFD', () => {
    expect(toStorableText('a\u0000b\uD800c')).toBe('a\uFFFDb\uFFFDc');
    expect(toStorableText('😀')).toBe('😀');
  });
});

describe('birth dates a user may enter', () => {
  const idBorn = (date: string) => {
    const first17 = `110101${date.replace(/-/g, '')}123`;
    return first17 + idCheckCharacter(first17);
  };
  it('refuses a date after today (China) or before 1900, in the field and inside an ID number', () => {
    expect(BirthDateInput.safeParse('2030-05-05').error?.issues[0]?.message).toBe('care.birth_date_in_future');
    expect(BirthDateInput.safeParse('1899-12-31').error?.issues[0]?.message).toBe('care.birth_date_before_1900');
    expect(BirthDateInput.safeParse(chinaToday()).success).toBe(true);
    expect(BirthDateInput.safeParse('1900-01-01').success).toBe(true);
    expect(IdNumberInput.safeParse(idBorn('2030-05-05')).error?.issues[0]?.message).toBe(
      'care.id_birth_date_out_of_range',
    );
    expect(IdNumberInput.safeParse(idBorn('1950-05-05')).success).toBe(true);
  });
  it("takes today in China, not in the machine's zone", () => {
    // 2026-12-01 20:00 UTC is already 2 December in China.
    expect(chinaToday(Date.parse('2026-12-01T20:00:00Z'))).toBe('2026-12-02');
    expect(chinaToday(Date.parse('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
  });
});
