import { CurrentSession, LoginResult, SessionInfo, TotpSetup, UserDetail } from '@linli/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { totpAt, generateTotpSecret } from '../src/modules/auth/totp';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { createTestApp, expectError, loginWithTotp, parseAs, TestClient, useTestApp } from './harness';

// Every test starts at the same instant (the clock moves a lot here: lockouts, idle sessions, password expiry) and
// creates its own users; the district is only read.
const t = useTestApp({ loginLimitPerIp: 1000, loginLimitPerUser: 1000 });
let org: TestOrg;
beforeAll(async () => {
  org = await buildOrg(t.app.ctx);
});

describe('login', () => {
  it('opens a session with a rotated HttpOnly SameSite cookie and no-store caching', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const first = new TestClient(t.app);
    const res = await first.login(user.username, user.password);
    expect(parseAs(LoginResult, res).status).toBe('ok');
    const cookie = res.cookies.find((c) => c.name === 'linli_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.headers['cache-control']).toBe('no-store');
    const second = new TestClient(t.app);
    await second.login(user.username, user.password);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await first.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('answers wrong passwords and unknown users identically, then locks both after 5 failures for 30 minutes', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const client = new TestClient(t.app);
    const known: [number, string][] = [];
    const unknown: [number, string][] = [];
    for (let i = 0; i < 6; i++) {
      const a = await client.login(user.username, 'Wrong-pass-1!');
      known.push([a.statusCode, a.json().code]);
      const b = await client.login(`nobody-${user.username}`, 'Wrong-pass-1!');
      unknown.push([b.statusCode, b.json().code]);
    }
    expect(known).toEqual(unknown);
    expect(known.slice(0, 4).every(([s, c]) => s === 401 && c === 'auth.invalid_credentials')).toBe(true);
    expect(known[4]).toEqual([423, 'auth.account_locked']);
    expect(known[5]).toEqual([423, 'auth.account_locked']);
    // Even the right password is refused while locked.
    expect((await client.login(user.username, user.password)).statusCode).toBe(423);
    t.clock.advanceMinutes(29);
    expect((await client.login(user.username, user.password)).statusCode).toBe(423);
    t.clock.advanceMinutes(2);
    expect((await client.login(user.username, user.password)).statusCode).toBe(200);
  });

  it('lets a security admin unlock a locked account', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const security = await createUser(t.app.ctx, {
      roles: ['security_admin'],
      areas: [org.district],
      totpSecret: generateTotpSecret(),
    });
    const client = new TestClient(t.app);
    for (let i = 0; i < 5; i++) await client.login(user.username, 'Wrong-pass-1!');
    expect((await client.login(user.username, user.password)).statusCode).toBe(423);
    const admin = await loginWithTotp(t, security.username, security.password);
    const detail = await admin.getAs(UserDetail, `/api/users/${user.id}`);
    expect(detail.status).toBe('locked');
    expect(detail.allowedActions).toContain('unlock');
    expect((await admin.post(`/api/users/${user.id}/unlock`)).statusCode).toBe(200);
    expect((await client.login(user.username, user.password)).statusCode).toBe(200);
  });

  it('refuses disabled, expired and long-inactive accounts with the same answer', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const { updateUser } = await import('../src/modules/users/users.repository');
    await updateUser(t.app.ctx.db, user.id, { status: 'disabled' });
    const client = new TestClient(t.app);
    const res = await client.login(user.username, user.password);
    expect([res.statusCode, res.json().code]).toEqual([401, 'auth.invalid_credentials']);
    await updateUser(t.app.ctx.db, user.id, { status: 'active', expiresAt: new Date(t.clock.now().getTime() - 1000) });
    expect((await client.login(user.username, user.password)).statusCode).toBe(401);
    await updateUser(t.app.ctx.db, user.id, {
      expiresAt: null,
      lastLoginAt: new Date(t.clock.now().getTime() - 181 * 86_400_000),
    });
    expect((await client.login(user.username, user.password)).statusCode).toBe(401);
  });
});

describe('rate limits', () => {
  it('answers 429 past the per-IP and per-username limits', async () => {
    const limited = await createTestApp({ loginLimitPerIp: 5, loginLimitPerUser: 3 });
    try {
      const org2 = await buildOrg(limited.app.ctx);
      const user = await createUser(limited.app.ctx, { roles: ['community_worker'], areas: [org2.communityA] });
      const client = new TestClient(limited.app, '10.9.9.9');
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await client.login(user.username, user.password)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const other = new TestClient(limited.app, '10.9.9.9');
      const perIp: number[] = [];
      for (let i = 0; i < 3; i++) perIp.push((await other.login(`someone-${i}`, 'x')).statusCode);
      expect(perIp).toContain(429);
      limited.clock.advanceMinutes(2);
      expect((await client.login(user.username, user.password)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('session timeouts and ending', () => {
  it('expires after 30 idle minutes (15 for admins) and after 12 hours in any case', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const client = new TestClient(t.app);
    await client.login(user.username, user.password);
    t.clock.advanceMinutes(29);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advanceMinutes(29);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    expectError(await client.get('/api/auth/session'), 401, 'auth.session_expired');

    await client.login(user.username, user.password);
    for (let i = 0; i < 25; i++) {
      t.clock.advanceMinutes(29);
      const res = await client.get('/api/auth/session');
      if (i < 24) expect(res.statusCode).toBe(200);
      else expect(res.statusCode).toBe(401); // 25 × 29 min > 12 h
    }

    const admin = await createUser(t.app.ctx, {
      roles: ['system_admin'],
      areas: [org.district],
      totpSecret: generateTotpSecret(),
    });
    const adminClient = await loginWithTotp(t, admin.username, admin.password);
    t.clock.advanceMinutes(14);
    expect((await adminClient.get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advanceMinutes(16);
    expect((await adminClient.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('ends the session on logout, and every session on disable and on password change', async () => {
    const user = await createUser(t.app.ctx, {
      roles: ['community_worker'],
      areas: [org.communityA],
      password: 'Before-change-1!',
    });
    const a = new TestClient(t.app);
    const b = new TestClient(t.app);
    await a.login(user.username, user.password);
    await b.login(user.username, user.password);
    const oldCookie = a.cookie;
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    a.cookie = oldCookie; // replaying the old cookie must not work
    expect((await a.get('/api/auth/session')).statusCode).toBe(401);
    expect((await b.get('/api/auth/session')).statusCode).toBe(200);

    const c = new TestClient(t.app);
    await c.login(user.username, user.password);
    const change = await b.post('/api/me/password', {
      currentPassword: 'Before-change-1!',
      newPassword: 'After-change-2!',
    });
    expect(change.statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
    expect((await c.login(user.username, 'Before-change-1!')).statusCode).toBe(401);
    expect((await c.login(user.username, 'After-change-2!')).statusCode).toBe(200);

    const sysadmin = await createUser(t.app.ctx, {
      roles: ['system_admin'],
      areas: [org.district],
      totpSecret: generateTotpSecret(),
    });
    const admin = await loginWithTotp(t, sysadmin.username, sysadmin.password);
    expect((await admin.post(`/api/users/${user.id}/status`, { enabled: false })).statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses password reuse and weak passwords on change', async () => {
    const user = await createUser(t.app.ctx, {
      roles: ['community_worker'],
      areas: [org.communityA],
      password: 'First-pass-11!',
    });
    const client = new TestClient(t.app);
    await client.login(user.username, user.password);
    const weak = await client.post('/api/me/password', { currentPassword: 'First-pass-11!', newPassword: 'short' });
    expect([weak.statusCode, weak.json().code]).toEqual([400, 'auth.password_weak']);
    expect(weak.json().fields[0].path).toBe('newPassword');
    // History is only populated by changes; change once, then try to go back.
    await client.post('/api/me/password', { currentPassword: 'First-pass-11!', newPassword: 'Second-pass-22!' });
    await client.login(user.username, 'Second-pass-22!');
    await client.post('/api/me/password', { currentPassword: 'Second-pass-22!', newPassword: 'Third-pass-33!' });
    await client.login(user.username, 'Third-pass-33!');
    const reuse = await client.post('/api/me/password', {
      currentPassword: 'Third-pass-33!',
      newPassword: 'Second-pass-22!',
    });
    expect(reuse.json().code).toBe('auth.password_reused');
  });

  it('the browser probe /api/auth/current answers 200 and says when a session expired', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const client = new TestClient(t.app);
    expect(await client.getAs(CurrentSession, '/api/auth/current')).toEqual({ session: null, expired: false });
    await client.login(user.username, user.password);
    expect((await client.getAs(CurrentSession, '/api/auth/current')).session?.user.username).toBe(user.username);
    t.clock.advanceMinutes(31);
    expect(await client.getAs(CurrentSession, '/api/auth/current')).toEqual({ session: null, expired: true });
  });

  it('requires the CSRF header on unsafe methods', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const client = new TestClient(t.app);
    await client.login(user.username, user.password);
    const res = await client.request('PUT', '/api/me/area', { areaCode: null }, { 'x-csrf-token': 'forged' });
    expect([res.statusCode, res.json().code]).toEqual([403, 'common.csrf_failed']);
    expect((await client.put('/api/me/area', { areaCode: null })).statusCode).toBe(200);
  });
});

describe('TOTP for the three admin roles', () => {
  it('makes an admin without TOTP enrol at login, then asks for a code every time and refuses reuse', async () => {
    const admin = await createUser(t.app.ctx, { roles: ['audit_admin'], areas: [org.district] });
    const client = new TestClient(t.app);
    const first = (await client.login(admin.username, admin.password)).json();
    expect(first.status).toBe('totp_setup_required');
    expect(client.cookie).toBeNull();
    expect((await client.get('/api/audit')).statusCode).toBe(401);
    const bad = await client.post('/api/auth/login/totp', { challengeId: first.challengeId, code: '000000' });
    expect(bad.statusCode).toBe(401);
    const code = totpAt(first.secret, t.clock.now());
    const enrolled = await client.post('/api/auth/login/totp', { challengeId: first.challengeId, code });
    expect(enrolled.json().status).toBe('ok');
    expect(enrolled.json().session.totpEnabled).toBe(true);

    const again = new TestClient(t.app);
    const second = (await again.login(admin.username, admin.password)).json();
    expect(second.status).toBe('totp_required');
    const reused = await again.post('/api/auth/login/totp', { challengeId: second.challengeId, code });
    expect([reused.statusCode, reused.json().code]).toEqual([401, 'auth.totp_invalid']);
    t.clock.advance(30_000);
    const fresh = await again.post('/api/auth/login/totp', {
      challengeId: second.challengeId,
      code: totpAt(first.secret, t.clock.now()),
    });
    expect(fresh.json().status).toBe('ok');
  });

  it('opens one session when the same code is sent twice at once, on one challenge or on two', async () => {
    const secret = generateTotpSecret();
    const admin = await createUser(t.app.ctx, { roles: ['audit_admin'], areas: [org.district], totpSecret: secret });
    const tabs = [new TestClient(t.app), new TestClient(t.app), new TestClient(t.app)];
    const steps: { challengeId: string }[] = [];
    for (const tab of tabs) steps.push((await tab.login(admin.username, admin.password)).json());
    const code = totpAt(secret, t.clock.now());
    // Two tabs, two challenges, one code: RFC 6238 allows the step once.
    const [a, b] = await Promise.all(
      tabs.slice(0, 2).map((tab, i) => tab.post('/api/auth/login/totp', { challengeId: steps[i]!.challengeId, code })),
    );
    expect([a!.json().status, b!.json().status].filter((s) => s === 'ok')).toHaveLength(1);
    // One challenge sent twice at once (a double tap), with a new step: one session.
    t.clock.advance(30_000);
    const next = totpAt(secret, t.clock.now());
    const twice = await Promise.all(
      [0, 1].map(() => tabs[2]!.post('/api/auth/login/totp', { challengeId: steps[2]!.challengeId, code: next })),
    );
    expect(twice.map((r) => r.json().status).filter((s) => s === 'ok')).toHaveLength(1);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('expires the TOTP step after 5 minutes', async () => {
    const secret = generateTotpSecret();
    const admin = await createUser(t.app.ctx, { roles: ['security_admin'], areas: [org.district], totpSecret: secret });
    const client = new TestClient(t.app);
    const step = (await client.login(admin.username, admin.password)).json();
    t.clock.advanceMinutes(6);
    const late = await client.post('/api/auth/login/totp', {
      challengeId: step.challengeId,
      code: totpAt(secret, t.clock.now()),
    });
    expect(late.json().code).toBe('auth.challenge_invalid');
  });

  it('does not ask non-admin roles for a code', async () => {
    const user = await createUser(t.app.ctx, { roles: ['street_officer'], areas: [org.streetA] });
    expect((await new TestClient(t.app).login(user.username, user.password)).json().status).toBe('ok');
  });

  it('lets a user enrol TOTP from the profile', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_supervisor'], areas: [org.communityA] });
    const client = new TestClient(t.app);
    await client.login(user.username, user.password);
    const setup = await client.postAs(TotpSetup, '/api/me/totp/setup');
    expect(setup.otpauthUri).toContain('otpauth://totp/');
    expect((await client.post('/api/me/totp/confirm', { code: '123456' })).statusCode).toBe(401);
    expect((await client.post('/api/me/totp/confirm', { code: totpAt(setup.secret, t.clock.now()) })).statusCode).toBe(
      200,
    );
    expect((await client.getAs(SessionInfo, '/api/auth/session')).totpEnabled).toBe(true);
  });
});

describe('forced password change', () => {
  it('makes a user with a reset password choose a new one before the session opens', async () => {
    const user = await createUser(t.app.ctx, {
      roles: ['community_worker'],
      areas: [org.communityA],
      mustChangePassword: true,
    });
    const client = new TestClient(t.app);
    const step = (await client.login(user.username, user.password)).json();
    expect(step).toMatchObject({ status: 'password_change_required', reason: 'reset' });
    expect(client.cookie).toBeNull();
    const same = await client.post('/api/auth/login/password', { challengeId: step.challengeId, newPassword: 'weak' });
    expect(same.json().code).toBe('auth.password_weak');
    const done = await client.post('/api/auth/login/password', {
      challengeId: step.challengeId,
      newPassword: 'Brand-new-pass-9',
    });
    expect(done.json().status).toBe('ok');
  });

  it('asks for a new password after 90 days (MLPS profile)', async () => {
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    t.clock.advance(91 * 86_400_000);
    const step = (await new TestClient(t.app).login(user.username, user.password)).json();
    expect(step).toMatchObject({ status: 'password_change_required', reason: 'expired' });
  });
});
