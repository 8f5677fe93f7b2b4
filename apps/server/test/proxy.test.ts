import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from '../src/config';
import { buildOrg, createUser } from './factories/org';
import { createTestApp, type TestApp } from './harness';

/** F12: behind a proxy only the configured hops are believed; a client cannot choose the IP the server sees. */
const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

async function ipSeen(
  trustProxy: false | number | string[],
  remoteAddress: string,
  forwardedFor: string,
): Promise<{ ip: string | null; secureCookie: boolean }> {
  const t = await createTestApp({ trustProxy });
  apps.push(t);
  const org = await buildOrg(t.app.ctx);
  const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
  const headers = { 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'https', 'content-type': 'application/json' };
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers,
    payload: JSON.stringify({ username: user.username, password: user.password }),
  });
  const cookie = login.cookies[0]!;
  const sessions = await t.app.inject({
    method: 'GET',
    url: '/api/me/sessions',
    remoteAddress,
    headers: { ...headers, cookie: `${cookie.name}=${cookie.value}` },
  });
  return { ip: sessions.json().items[0].ip as string | null, secureCookie: cookie.name === '__Host-linli_sid' };
}

describe('F12: trusted proxy hops', () => {
  it('parses a hop count or a list of proxy addresses, never "trust everything"', () => {
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 10.0.1.0/24')).toEqual(['10.0.0.5', '10.0.1.0/24']);
    expect(loadConfig({ LINLI_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadConfig({ LINLI_TRUST_PROXY: 'true' })).toThrow();
  });

  it('with one trusted hop, takes the address our proxy added, not one the client forged before it', async () => {
    const seen = await ipSeen(1, '127.0.0.1', '6.6.6.6, 203.0.113.9');
    expect(seen.ip).toBe('203.0.113.9');
    expect(seen.secureCookie).toBe(true);
  });

  it('with a list of proxies, believes X-Forwarded-* only from them', async () => {
    expect((await ipSeen(['127.0.0.1'], '127.0.0.1', '6.6.6.6, 203.0.113.9')).ip).toBe('203.0.113.9');
    const direct = await ipSeen(['127.0.0.1'], '198.51.100.7', '6.6.6.6');
    expect(direct.ip).toBe('198.51.100.7');
    expect(direct.secureCookie).toBe(false);
  });

  it('without a proxy, ignores X-Forwarded-For entirely', async () => {
    expect((await ipSeen(false, '198.51.100.7', '6.6.6.6')).ip).toBe('198.51.100.7');
  });
});
