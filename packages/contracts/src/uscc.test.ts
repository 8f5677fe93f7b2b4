import { describe, expect, it } from 'vitest';
import { isValidUscc, normaliseUscc, usccCheckCharacter, usccProblem } from './uscc';

// Published codes of real bodies (national enterprise credit information publicity system).
const REAL = [
  '91350100M000100Y43', // the standard's own worked example
  '911100001000044477', // 中国石油化工集团有限公司
  '91110000100006485K', // 中国移动通信集团有限公司
  '12100000400010398P', // 中国科学院 (public institution)
];

describe('USCC (GB 32100-2015)', () => {
  it.each(REAL)('accepts the real code %s', (code) => {
    expect(usccProblem(code)).toBeNull();
    expect(isValidUscc(code)).toBe(true);
  });

  it('computes the check character from the first 17 characters', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91110000100006485')).toBe('K');
  });

  it('rejects a wrong check character as "check"', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check');
    expect(usccProblem('91110000100006485X')).toBe('check');
  });

  it('rejects a wrong shape as "format"', () => {
    expect(usccProblem('91350100M000100Y4')).toBe('format'); // 17 characters
    expect(usccProblem('91350100M000100YI3')).toBe('format'); // I is not in the alphabet
    expect(usccProblem('9135010AM000100Y43')).toBe('format'); // division code with a letter
    expect(usccProblem('91350100m000100y43')).toBe('format'); // lower case (normalise first)
  });

  it('normalises what people type', () => {
    expect(normaliseUscc(' 91350100m000 100y43 ')).toBe('91350100M000100Y43');
  });
});
