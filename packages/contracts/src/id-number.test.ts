import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckCharacter, isValidIdNumber, normaliseIdNumber, parseIdNumber } from './id-number';

/** Generator of valid ID numbers: region, a real date between 1900 and 2025, sequence, computed check character. */
const validId = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, date, seq }) => {
    const ymd = date.toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `${region}${ymd}${String(seq).padStart(3, '0')}`;
    return first17 + idCheckCharacter(first17);
  });

describe('GB 11643 ID numbers', () => {
  it('accepts every generated valid number and derives birth date and sex', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const info = parseIdNumber(id);
        expect(info).not.toBeNull();
        expect(info!.birthDate.replace(/-/g, '')).toBe(id.slice(6, 14));
        expect(info!.sex).toBe(Number(id[16]) % 2 ? 'male' : 'female');
      }),
      { numRuns: 500 },
    );
  });

  it('rejects any single-character change', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        (id, position, replacement) => {
          fc.pre(id[position] !== replacement);
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          expect(isValidIdNumber(changed)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('normalises lower-case x and full-width digits', () => {
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ')?.idNumber).toBe('11010519491231002X');
    expect(parseIdNumber('11010519491231002x')?.sex).toBe('female');
  });

  it('rejects impossible dates even with a matching checksum', () => {
    const first17 = '11010519490230002';
    expect(isValidIdNumber(first17 + idCheckCharacter(first17))).toBe(false);
  });
});
