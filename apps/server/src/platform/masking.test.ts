import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './masking';

describe('masking (R-08)', () => {
  it.each([
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, null, null],
    [maskIdNumber, '11010519491231002X', '110***********002X'],
    [maskName, '张三丰', '张**'],
    [maskName, '𠀾明', '𠀾*'],
    [maskName, '阿依古丽·买买提', '阿*******'],
  ] as const)('%o(%s) → %s', (fn, input, expected) => {
    expect((fn as (v: string | null) => string | null)(input)).toBe(expected);
  });
});
