import { expect, loginAs, logout, test } from '../fixtures';

test('API responses carry the security headers', async ({ request }) => {
  const response = await request.get('/api/auth/config');
  expect(response.status()).toBe(200);
  const headers = response.headers();

  const csp = headers['content-security-policy'];
  expect(csp, 'content-security-policy header').toBeTruthy();
  // Self-hosted only: no third-party origin may appear anywhere in the policy.
  expect(csp).not.toMatch(/https?:\/\//i);
  expect(csp).toMatch(/default-src\s+'self'/);

  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toContain('no-store');
});

test('an unknown API path answers a JSON 404, not the app page', async ({ request }) => {
  for (const [method, path] of [
    ['GET', '/api/no-such-route'],
    ['GET', '/api/care/visits/00000000-0000-4000-8000-000000000000/record'],
  ] as const) {
    const response = await request.fetch(path, { method });
    expect(response.status(), `${method} ${path}`).toBe(404);
    expect((await response.json()).code).toBe('common.not_found');
  }
});

test('the app page itself is served with a CSP', async ({ request }) => {
  const response = await request.get('/login');
  expect(response.status()).toBe(200);
  const csp = response.headers()['content-security-policy'];
  expect(csp).toBeTruthy();
  expect(csp).not.toMatch(/https?:\/\//i);
});

test('logout leaves no local storage and no session cookie', async ({ page, context, baseURL }) => {
  await loginAs(page, 'demo-social');

  const sessionCookie = (c: { name: string }) => c.name === 'linli_sid' || c.name === '__Host-linli_sid';
  const cookiesBefore = await context.cookies(baseURL);
  const sid = cookiesBefore.find(sessionCookie);
  expect(sid, 'session cookie after login').toBeTruthy();
  expect(sid?.httpOnly).toBe(true);
  expect(sid?.sameSite).toBe('Strict');
  // The session token is not readable from scripts.
  expect(await page.evaluate(() => document.cookie)).not.toContain('linli_sid');

  await logout(page);

  expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
  const cookiesAfter = await context.cookies(baseURL);
  expect(cookiesAfter.filter(sessionCookie)).toEqual([]);
});
