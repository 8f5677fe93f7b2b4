import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotpSecret } from '../src/modules/auth/totp';
import { users } from '../src/modules/users/users.tables';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { createTestApp, loginWithTotp, TestClient, type TestApp } from './harness';

let t: TestApp;
let org: TestOrg;

async function adminClient(role: 'system_admin' | 'security_admin' | 'audit_admin'): Promise<TestClient> {
  const user = await createUser(t.app.ctx, { roles: [role], areas: [org.district], totpSecret: generateTotpSecret() });
  return loginWithTotp(t, user.username, user.password);
}

beforeAll(async () => {
  t = await createTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
  org = await buildOrg(t.app.ctx);
});
afterAll(() => t.close());

describe('三员分立 (R-10)', () => {
  it('the system admin cannot read the audit log; the audit admin cannot change users', async () => {
    const system = await adminClient('system_admin');
    const auditor = await adminClient('audit_admin');
    expect((await system.get('/api/audit')).statusCode).toBe(403);
    expect((await system.get('/api/audit/verify')).statusCode).toBe(403);
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
    const target = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    expect((await auditor.patch(`/api/users/${target.id}`, { displayName: 'x' })).statusCode).toBe(403);
    expect((await auditor.put(`/api/users/${target.id}/roles`, { roles: ['grid_worker'] })).statusCode).toBe(403);
    expect((await auditor.post(`/api/users/${target.id}/status`, { enabled: false })).statusCode).toBe(403);
    expect((await auditor.post('/api/users', { username: 'sneaky', displayName: 'x', roles: ['audit_admin'], areaCodes: [org.district] })).statusCode).toBe(403);
  });

  it('one person cannot hold two admin roles, nor an admin and a casework role', async () => {
    const security = await adminClient('security_admin');
    const target = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.district] });
    const two = await security.put(`/api/users/${target.id}/roles`, { roles: ['system_admin', 'audit_admin'] });
    expect([two.statusCode, two.json().code]).toEqual([400, 'user.role_conflict']);
    const mixed = await security.put(`/api/users/${target.id}/roles`, { roles: ['audit_admin', 'community_worker'] });
    expect(mixed.json().code).toBe('user.role_conflict');
    expect((await security.put(`/api/users/${target.id}/roles`, { roles: ['audit_admin'] })).statusCode).toBe(200);
  });

  it('the system admin creates accounts but cannot grant admin roles', async () => {
    const system = await adminClient('system_admin');
    const res = await system.post('/api/users', { username: 'new-auditor', displayName: 'x', roles: ['audit_admin'], areaCodes: [org.district] });
    expect(res.statusCode).toBe(403);
  });

  it('nobody changes their own roles', async () => {
    const security = await adminClient('security_admin');
    const me = (await security.get('/api/auth/session')).json();
    const res = await security.put(`/api/users/${me.user.id}/roles`, { roles: ['community_worker'] });
    expect(res.json().code).toBe('user.cannot_change_self');
  });
});

describe('user accounts', () => {
  it('creates a pending user with an encrypted phone, masked on display, activated by a supervisor with a one-time password', async () => {
    const system = await adminClient('system_admin');
    const created = await system.post('/api/users', {
      username: 'wang.xiaoming', displayName: '王小明', phone: '13812345678', roles: ['community_worker'], areaCodes: [org.communityA],
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ phoneMasked: '138****5678', roles: ['community_worker'], status: 'pending' });
    const [raw] = await t.app.ctx.db.select().from(users).where(eq(users.username, 'wang.xiaoming'));
    expect(raw!.phoneEnc).not.toContain('13812345678');
    expect(t.app.ctx.cipher.decrypt(raw!.phoneEnc!)).toBe('13812345678');
    expect(raw!.phoneBidx).toBe(t.app.ctx.cipher.blindIndex('13812345678'));
    const supervisor = await createUser(t.app.ctx, { roles: ['community_supervisor'], areas: [org.communityA] });
    const boss = new TestClient(t.app);
    await boss.login(supervisor.username, supervisor.password);
    const activated = await boss.post(`/api/users/${raw!.id}/activate`);
    expect(activated.statusCode).toBe(200);
    const { oneTimePassword, user } = activated.json() as { oneTimePassword: string; user: { status: string } };
    expect(user.status).toBe('active');
    const login = (await new TestClient(t.app).login('wang.xiaoming', oneTimePassword)).json();
    expect(login.status).toBe('password_change_required');
    const dup = await system.post('/api/users', { username: 'WANG.xiaoming', displayName: 'x', roles: ['grid_worker'], areaCodes: [org.communityA] });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'user.username_taken']);
  });

  it('validates input with field errors and refuses areas outside the jurisdiction', async () => {
    const system = await adminClient('system_admin');
    const bad = await system.post('/api/users', { username: 'x', displayName: '', roles: [], areaCodes: ['123'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('common.validation_failed');
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['username', 'roles']));
    const outside = await system.post('/api/users', { username: 'outsider', displayName: 'x', roles: ['grid_worker'], areaCodes: ['110101001001'] });
    expect(outside.json().code).toBe('area.not_found');
  });

  it('a supervisor lists and reads colleagues in their community only, with filters and paging', async () => {
    const supervisor = await createUser(t.app.ctx, { roles: ['community_supervisor'], areas: [org.communityA] });
    for (let i = 0; i < 3; i++) await createUser(t.app.ctx, { roles: ['grid_worker'], areas: [org.gridsA[0]!] });
    await createUser(t.app.ctx, { roles: ['grid_worker'], areas: [org.gridsB[0]!] });
    const client = new TestClient(t.app);
    await client.login(supervisor.username, supervisor.password);
    const list = (await client.get(`/api/users?role=grid_worker&areaCode=${org.gridsA[0]}&pageSize=2`)).json();
    expect(list.total).toBe(3);
    expect(list.items).toHaveLength(2);
    expect(list.items.every((u: { areaCodes: string[] }) => u.areaCodes[0] === org.gridsA[0])).toBe(true);
    const outside = await client.get(`/api/users?areaCode=${org.communityB}`);
    expect(outside.statusCode).toBe(404);
    const tooBig = await client.get('/api/users?pageSize=1000');
    expect(tooBig.statusCode).toBe(400);
  });
});
