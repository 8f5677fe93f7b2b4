import { describe, expect, it } from 'vitest';
import { codeInPrefixes, coversAll, intersectPrefixes, scopePrefix } from './access';

describe('area scope prefixes', () => {
  it.each([
    ['510107000000', '510107'],
    ['510107001000', '510107001'],
    ['510107001004', '510107001004'],
    ['510107001004003', '510107001004003'],
  ])('%s → %s', (code, prefix) => expect(scopePrefix(code)).toBe(prefix));

  it('a street sees its communities and grids, not the next street', () => {
    const prefixes = [scopePrefix('510107001000')];
    expect(codeInPrefixes('510107001004', prefixes)).toBe(true);
    expect(codeInPrefixes('510107001004002', prefixes)).toBe(true);
    expect(codeInPrefixes('510107005001', prefixes)).toBe(false);
    expect(codeInPrefixes('510107000000', prefixes)).toBe(false);
  });
});

describe('approver scope (F3)', () => {
  it('intersects jurisdictions prefix by prefix', () => {
    expect(intersectPrefixes(['510107001'], ['510107001001', '510107002'])).toEqual(['510107001001']);
    expect(intersectPrefixes(['510107001001', '510107001002'], ['510107001001'])).toEqual(['510107001001']);
    expect(intersectPrefixes(['510107'], ['510107001', '510107001004'])).toEqual(['510107001']);
    expect(intersectPrefixes(['510107001001'], ['510107001002'])).toEqual([]);
  });

  it('covers an area set only when every area lies inside', () => {
    expect(coversAll(['510107001001'], ['510107001001', '510107001002'])).toBe(false);
    expect(coversAll(['510107001'], ['510107001001', '510107001002'])).toBe(true);
    expect(coversAll(['510107001'], [])).toBe(false);
  });
});
