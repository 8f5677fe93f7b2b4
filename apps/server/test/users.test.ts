import { LoginResult, OneTimePasswordResult, SessionInfo, UserDetail, UserList } from '@linli/contracts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../src/modules/users/users.tables';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { expectError, parseAs, signedIn, TestClient, useTestApp } from './harness';

// Every test builds its own district and users.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function adminClient(org: TestOrg, role: 'system_admin' | 'security_admin' | 'audit_admin'): Promise<TestClient> {
  return (await signedIn(t, [role], [org.district])).client;
}

describe('三员分立 (R-10)', () => {
  it('the system admin cannot read the audit log; the audit admin cannot change users', async () => {
    const org = await buildOrg(t.app.ctx);
    const system = await adminClient(org, 'system_admin');
    const auditor = await adminClient(org, 'audit_admin');
    expectError(await system.get('/api/audit'), 403);
    expectError(await system.get('/api/audit/verify'), 403);
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
    const target = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    expect((await auditor.patch(`/api/users/${target.id}`, { displayName: 'x' })).statusCode).toBe(403);
    expect((await auditor.put(`/api/users/${target.id}/roles`, { roles: ['grid_worker'] })).statusCode).toBe(403);
    expect((await auditor.post(`/api/users/${target.id}/status`, { enabled: false })).statusCode).toBe(403);
    expect(
      (
        await auditor.post('/api/users', {
          username: 'sneaky',
          displayName: 'x',
          roles: ['audit_admin'],
          areaCodes: [org.district],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('one person cannot hold two admin roles, nor an admin and a casework role', async () => {
    const org = await buildOrg(t.app.ctx);
    const security = await adminClient(org, 'security_admin');
    const target = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.district] });
    expectError(
      await security.put(`/api/users/${target.id}/roles`, { roles: ['system_admin', 'audit_admin'] }),
      400,
      'user.role_conflict',
    );
    expectError(
      await security.put(`/api/users/${target.id}/roles`, { roles: ['audit_admin', 'community_worker'] }),
      400,
      'user.role_conflict',
    );
    expect(
      (await security.putAs(UserDetail, `/api/users/${target.id}/roles`, { roles: ['audit_admin'] })).roles,
    ).toEqual(['audit_admin']);
  });

  it('the system admin creates accounts but cannot grant admin roles', async () => {
    const org = await buildOrg(t.app.ctx);
    const system = await adminClient(org, 'system_admin');
    const res = await system.post('/api/users', {
      username: 'new-auditor',
      displayName: 'x',
      roles: ['audit_admin'],
      areaCodes: [org.district],
    });
    expect(res.statusCode).toBe(403);
  });

  it('nobody changes their own roles', async () => {
    const org = await buildOrg(t.app.ctx);
    const security = await adminClient(org, 'security_admin');
    const me = await security.getAs(SessionInfo, '/api/auth/session');
    expectError(
      await security.put(`/api/users/${me.user.id}/roles`, { roles: ['community_worker'] }),
      400,
      'user.cannot_change_self',
    );
  });
});

describe('user accounts', () => {
  it('creates a pending user with an encrypted phone, masked on display, activated by a supervisor with a one-time password', async () => {
    const org = await buildOrg(t.app.ctx);
    const system = await adminClient(org, 'system_admin');
    const created = await system.postAs(UserDetail, '/api/users', {
      username: 'wang.xiaoming',
      displayName: '王小明',
      phone: '13812345678',
      roles: ['community_worker'],
      areaCodes: [org.communityA],
    });
    expect(created).toMatchObject({
      username: 'wang.xiaoming',
      phoneMasked: '138****5678',
      roles: ['community_worker'],
      areaCodes: [org.communityA],
      status: 'pending',
    });
    const [raw] = await t.app.ctx.db.select().from(users).where(eq(users.username, 'wang.xiaoming'));
    expect(raw!.phoneEnc).not.toContain('13812345678');
    expect(t.app.ctx.cipher.decrypt(raw!.phoneEnc!)).toBe('13812345678');
    expect(raw!.phoneBidx).toBe(t.app.ctx.cipher.blindIndex('13812345678'));
    const supervisor = await createUser(t.app.ctx, { roles: ['community_supervisor'], areas: [org.communityA] });
    const boss = new TestClient(t.app);
    await boss.login(supervisor.username, supervisor.password);
    const { oneTimePassword, user } = await boss.postAs(OneTimePasswordResult, `/api/users/${raw!.id}/activate`);
    expect(user.status).toBe('active');
    const login = parseAs(LoginResult, await new TestClient(t.app).login('wang.xiaoming', oneTimePassword));
    expect(login).toMatchObject({ status: 'password_change_required', reason: 'reset' });
    const dup = await system.post('/api/users', {
      username: 'WANG.xiaoming',
      displayName: 'x',
      roles: ['grid_worker'],
      areaCodes: [org.communityA],
    });
    expectError(dup, 409, 'user.username_taken');
  });

  it('validates input with field errors and refuses areas outside the jurisdiction', async () => {
    const org = await buildOrg(t.app.ctx);
    const system = await adminClient(org, 'system_admin');
    const bad = expectError(
      await system.post('/api/users', { username: 'x', displayName: '', roles: [], areaCodes: ['123'] }),
      400,
      'common.validation_failed',
    );
    expect(bad.fields!.map((f) => f.path)).toEqual(expect.arrayContaining(['username', 'roles']));
    const outside = await system.post('/api/users', {
      username: 'outsider',
      displayName: 'x',
      roles: ['grid_worker'],
      areaCodes: ['110101001001'],
    });
    expectError(outside, 404, 'area.not_found');
  });

  it('a supervisor lists and reads colleagues in their community only, with filters and paging', async () => {
    const org = await buildOrg(t.app.ctx);
    const supervisor = await createUser(t.app.ctx, { roles: ['community_supervisor'], areas: [org.communityA] });
    for (let i = 0; i < 3; i++) await createUser(t.app.ctx, { roles: ['grid_worker'], areas: [org.gridsA[0]!] });
    await createUser(t.app.ctx, { roles: ['grid_worker'], areas: [org.gridsB[0]!] });
    const client = new TestClient(t.app);
    await client.login(supervisor.username, supervisor.password);
    const list = await client.getAs(UserList, `/api/users?role=grid_worker&areaCode=${org.gridsA[0]}&pageSize=2`);
    expect(list.total).toBe(3);
    expect(list.items).toHaveLength(2);
    expect(list.items.every((u) => u.areaCodes[0] === org.gridsA[0])).toBe(true);
    expectError(await client.get(`/api/users?areaCode=${org.communityB}`), 404);
    expectError(await client.get('/api/users?pageSize=1000'), 400);
  });
});
