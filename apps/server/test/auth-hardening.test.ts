import { LoginResult } from '@linli/contracts';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/platform/audit.tables';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { expectError, parseAs, signedIn, TestClient, useTestApp } from './harness';

/** F9 (login names), F10 (password change as an oracle) and F13 (sessions at login, logout CSRF). */
// Every test starts at the same instant with users of its own; the district is only read.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
let org: TestOrg;
beforeAll(async () => {
  org = await buildOrg(t.app.ctx);
});

async function loggedIn() {
  const { client, ...user } = await signedIn(t, ['community_worker'], [org.communityA]);
  return { user, client };
}

describe('F10: /api/me/password is not a password-guessing oracle', () => {
  it('locks the account and ends its sessions after five wrong current passwords', async () => {
    const { user, client } = await loggedIn();
    for (let i = 0; i < 4; i++) {
      const res = await client.post('/api/me/password', {
        currentPassword: `Guess-${i}-pass!`,
        newPassword: 'Brand-new-pass-9!',
      });
      expect(res.json().code).toBe('auth.password_wrong');
    }
    expectError(
      await client.post('/api/me/password', { currentPassword: 'Guess-5-pass!', newPassword: 'Brand-new-pass-9!' }),
      423,
      'auth.account_locked',
    );
    // The stolen session is gone, and the right password no longer helps until the lock ends.
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(user.username, user.password)).json().code).toBe('auth.account_locked');
  });

  it('counts concurrent wrong guesses one by one', async () => {
    const { client } = await loggedIn();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.post('/api/me/password', { currentPassword: `Parallel-${i}-pass!`, newPassword: 'Brand-new-pass-9!' }),
      ),
    );
    const codes = answers.map((a) => a.json().code);
    expect(codes.filter((c) => c === 'auth.password_wrong').length).toBeLessThanOrEqual(4);
  });
});

describe('F13: sessions at login, and logout needs the CSRF token', () => {
  it('shows the other live sessions at login, and ends them when asked', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const first = new TestClient(t.app, '10.0.0.7');
    await first.login(user.username, user.password);
    const second = new TestClient(t.app, '10.0.0.8');
    const shown = parseAs(LoginResult, await second.login(user.username, user.password));
    expect(shown.status === 'ok' && shown.otherSessions).toEqual([
      expect.objectContaining({ ip: '10.0.0.7', current: false }),
    ]);
    expect((await first.get('/api/auth/session')).statusCode).toBe(200);
    const third = new TestClient(t.app, '10.0.0.9');
    const ended = await third.postAs(LoginResult, '/api/auth/login', {
      username: user.username,
      password: user.password,
      endOtherSessions: true,
    });
    expect(ended).toMatchObject({ status: 'ok', otherSessions: [] });
    expect((await first.get('/api/auth/session')).statusCode).toBe(401);
    expect((await second.get('/api/auth/session')).statusCode).toBe(401);
    expect((await third.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('refuses a logout without the session’s CSRF token (another site cannot log a user out)', async () => {
    const { client } = await loggedIn();
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie!, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect([forged.statusCode, forged.json().code]).toEqual([403, 'common.csrf_failed']);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('F9: what is typed into the username box is not stored as a name', () => {
  it('records an unknown login name as a short keyed hash, a known one as the account', async () => {
    const typed = 'My-Secret-Passw0rd';
    const known = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    // From an address of this test's own, so its rows are told apart from other tests' failed logins.
    const ip = '10.0.9.9';
    await new TestClient(t.app, ip).login(typed, 'whatever');
    await new TestClient(t.app, ip).login(known.username, 'Wrong-pass-1!');
    await t.app.ctx.auditWriter.flush();
    const rows = await t.app.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.result, 'failure'), eq(auditLog.ip, ip)))
      .orderBy(auditLog.seq);
    for (const row of rows) expect(JSON.stringify(row).toLowerCase()).not.toContain(typed.toLowerCase());
    expect(rows.map((r) => [r.actorId, r.actorName])).toEqual([
      [null, null],
      [known.id, known.username],
    ]);
    expect(rows[0]!.detail).toMatch(/unknown name #[\w-]{10}/);
  });
});
