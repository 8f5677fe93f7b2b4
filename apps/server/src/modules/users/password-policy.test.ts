import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, passwordExpired } from './password-policy';
import { hashPassword, verifyPassword } from './password-hash';

describe('password policy', () => {
  it.each([
    ['Short1!', 'mlps', false],
    ['alllowercase1', 'mlps', false],
    ['Lower-and-UPPER', 'mlps', true],
    ['Password123', 'mlps', false], // common
    ['P@ssw0rd', 'mlps', false], // common after removing symbols
    ['Linli-2026-ok', 'mlps', true],
    ['only lower case long phrase', 'asvs', true],
    ['Short-1!', 'asvs', false],
  ] as const)('%s under %s → %s', (password, profile, ok) => {
    expect(checkPasswordPolicy(password, profile).length === 0).toBe(ok);
  });

  it('refuses a password containing the username', () => {
    expect(checkPasswordPolicy('Zhangsan-2026!', 'mlps', 'zhangsan')).not.toHaveLength(0);
  });

  it('expires MLPS passwords after 90 days, never ASVS ones', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(passwordExpired(changed, 'mlps', new Date('2026-03-31T00:00:00Z'))).toBe(false);
    expect(passwordExpired(changed, 'mlps', new Date('2026-04-02T00:00:00Z'))).toBe(true);
    expect(passwordExpired(changed, 'asvs', new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('hashes with argon2id and verifies 64+ character passwords without truncation', async () => {
    const long = `${'邻里-Linli-'.repeat(8)}Aa1!`;
    expect([...long].length).toBeGreaterThan(64);
    const hash = await hashPassword(long);
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).toMatch(/m=19456,t=2/);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(await verifyPassword(hash, long.slice(0, -1))).toBe(false);
    expect(await verifyPassword(hash, long.slice(0, 64))).toBe(false);
  });
});
