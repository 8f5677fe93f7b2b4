import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './masking';

describe('masking (R-08)', () => {
  it.each([
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, null, null],
    [maskIdNumber, '11010519491231002X', '110**************X'],
    [maskIdNumber, '110105491231002', '110***********2'],
    [maskName, '张三丰', '张**'],
    [maskName, '𠀾明', '𠀾*'],
    [maskName, '阿依古丽·买买提', '阿*******'],
  ] as const)('%o(%s) → %s', (fn, input, expected) => {
    expect((fn as (v: string | null) => string | null)(input)).toBe(expected);
  });
});

describe('F4: a masked ID plus what else is shown does not rebuild the number', () => {
  it('hides the sequence digits, whatever the birth date and area reveal', () => {
    const id = '11010519491231002X';
    const masked = maskIdNumber(id)!;
    // Area (1–6) and birth date (7–14) may be known from other fields; the sequence (15–17) must not be.
    const known = `${id.slice(0, 6)}${id.slice(6, 14)}`;
    const rebuilt = `${known}${masked.slice(14, 17)}${masked.slice(-1)}`;
    expect(rebuilt).not.toBe(id);
    expect(masked.slice(14, 17)).toBe('***');
  });
});
