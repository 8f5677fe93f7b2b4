import { OneTimePasswordResult, UserDetail } from '@linli/contracts';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/platform/audit.tables';
import { users } from '../src/modules/users/users.tables';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { loginWithTotp, signedIn, TestClient, useTestApp } from './harness';

/** F6: the system administrator can no longer take over another administrator or a business account. */
// Every test starts at the same instant, in a district of its own.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

const admin = async (org: TestOrg, role: 'system_admin' | 'security_admin' | 'audit_admin') => {
  const { client, ...user } = await signedIn(t, [role], [org.district]);
  return { user, client };
};
const staff = async (role: 'community_supervisor' | 'community_worker' | 'street_officer', area: string) => {
  const { client, ...user } = await signedIn(t, [role], [area]);
  return { user, client };
};

async function audited(actorId: string, action: string, result: 'success' | 'denied' = 'success'): Promise<number> {
  await t.app.ctx.auditWriter.flush();
  const rows = await t.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action), eq(auditLog.result, result)));
  return rows.length;
}

describe('F6: 三员分立 holds against the system administrator', () => {
  it('the system administrator cannot reset, disable or take over another administrator', async () => {
    const org = await buildOrg(t.app.ctx);
    const system = await admin(org, 'system_admin');
    const auditor = await admin(org, 'audit_admin');
    const reset = await system.client.post(`/api/users/${auditor.user.id}/reset-password`);
    expect([reset.statusCode, reset.json().code]).toEqual([403, 'user.admin_target']);
    const disable = await system.client.post(`/api/users/${auditor.user.id}/status`, { enabled: false });
    expect([disable.statusCode, disable.json().code]).toEqual([403, 'user.admin_target']);
    expect((await system.client.post(`/api/users/${auditor.user.id}/totp-reset`)).statusCode).toBe(403);
    const detail = await system.client.getAs(UserDetail, `/api/users/${auditor.user.id}`);
    expect(detail.allowedActions).not.toContain('reset_password');
    expect(detail.allowedActions).not.toContain('disable');
    // The old password still works: nothing was changed.
    expect((await new TestClient(t.app).login(auditor.user.username, auditor.user.password)).json().status).toBe(
      'totp_required',
    );
    expect(await audited(system.user.id, 'user.reset_password', 'denied')).toBe(1);
  });

  it('the system administrator cannot reset a business account either; the area supervisor issues a one-time password', async () => {
    const org = await buildOrg(t.app.ctx);
    const system = await admin(org, 'system_admin');
    const worker = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const res = await system.client.post(`/api/users/${worker.id}/reset-password`);
    expect(res.statusCode).toBe(403);
    const other = await staff('community_supervisor', org.communityB);
    expect((await other.client.post(`/api/users/${worker.id}/reset-password`)).statusCode).toBe(404);
    const boss = await staff('community_supervisor', org.communityA);
    const { oneTimePassword: oneTime } = await boss.client.postAs(
      OneTimePasswordResult,
      `/api/users/${worker.id}/reset-password`,
    );
    expect(oneTime).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect((await new TestClient(t.app).login(worker.username, worker.password)).json().code).toBe(
      'auth.invalid_credentials',
    );
    expect((await new TestClient(t.app).login(worker.username, oneTime)).json().status).toBe(
      'password_change_required',
    );
    expect(await audited(boss.user.id, 'user.reset_password')).toBe(1);
  });

  it('an account the system administrator creates is pending: no login until a supervisor of its area activates it', async () => {
    const org = await buildOrg(t.app.ctx);
    const system = await admin(org, 'system_admin');
    const created = await system.client.postAs(UserDetail, '/api/users', {
      username: 'f6-new-boss',
      displayName: '新主任',
      roles: ['community_supervisor'],
      areaCodes: [org.communityA],
    });
    expect(created.status).toBe('pending');
    const id = created.id;
    const [row] = await t.app.ctx.db.select().from(users).where(eq(users.id, id));
    expect(row!.status).toBe('pending');
    // No password the administrator could know: the old create API's `password` field is gone (extra fields are ignored).
    const sneaky = await system.client.post('/api/users', {
      username: 'f6-sneaky',
      displayName: 'x',
      roles: ['community_worker'],
      areaCodes: [org.communityA],
      password: 'Known-by-admin-1!',
    });
    expect((await new TestClient(t.app).login('f6-sneaky', 'Known-by-admin-1!')).json().code).toBe(
      'auth.invalid_credentials',
    );
    // The system administrator cannot activate or enable it.
    expect((await system.client.post(`/api/users/${id}/activate`)).statusCode).toBe(403);
    expect((await system.client.post(`/api/users/${id}/status`, { enabled: true })).json().code).toBe(
      'user.invalid_state',
    );
    // A worker of the area cannot, nor a supervisor of another community, nor one holding only part of its areas.
    const worker = await staff('community_worker', org.communityA);
    expect((await worker.client.post(`/api/users/${id}/activate`)).statusCode).toBe(403);
    const otherBoss = await staff('community_supervisor', org.communityB);
    expect((await otherBoss.client.post(`/api/users/${id}/activate`)).statusCode).toBe(404);
    const twoAreas = await system.client.postAs(UserDetail, '/api/users', {
      username: 'f6-two',
      displayName: 'x',
      roles: ['community_worker'],
      areaCodes: [org.communityA, org.communityB],
    });
    const bossA = await staff('community_supervisor', org.communityA);
    expect((await bossA.client.post(`/api/users/${twoAreas.id}/activate`)).json().code).toBe('common.approver_scope');
    // The street officer holds both communities, so may activate that one.
    const street = await staff('street_officer', org.streetA);
    expect((await street.client.postAs(OneTimePasswordResult, `/api/users/${twoAreas.id}/activate`)).user.status).toBe(
      'active',
    );
    // The supervisor of the area activates it, once.
    const activated = await bossA.client.postAs(OneTimePasswordResult, `/api/users/${id}/activate`);
    expect((await bossA.client.post(`/api/users/${id}/activate`)).json().code).toBe('user.invalid_state');
    const login = (await new TestClient(t.app).login('f6-new-boss', activated.oneTimePassword)).json();
    expect(login.status).toBe('password_change_required');
    expect(sneaky.json().status).toBe('pending');
    expect(await audited(bossA.user.id, 'user.activate')).toBe(1);
  });

  it('administrator accounts are handled by the security administrator; a second-factor reset needs a second administrator', async () => {
    const org = await buildOrg(t.app.ctx);
    const security = await admin(org, 'security_admin');
    const system = await admin(org, 'system_admin');
    const auditor = await admin(org, 'audit_admin');
    // The security administrator may issue an administrator's one-time password (the second factor still protects it).
    await security.client.postAs(OneTimePasswordResult, `/api/users/${auditor.user.id}/reset-password`);
    // Asking for a second-factor reset does nothing by itself…
    const asked = await security.client.postAs(UserDetail, `/api/users/${auditor.user.id}/totp-reset`);
    expect(asked).toMatchObject({ totpResetPending: true, totpEnabled: true });
    // …the one who asked cannot confirm it…
    const self = await security.client.post(`/api/users/${auditor.user.id}/totp-reset/confirm`);
    expect([self.statusCode, self.json().code]).toEqual([403, 'user.second_admin_required']);
    // …a second administrator can.
    const confirmed = await system.client.postAs(UserDetail, `/api/users/${auditor.user.id}/totp-reset/confirm`);
    expect(confirmed).toMatchObject({ totpResetPending: false, totpEnabled: false });
    expect(await audited(security.user.id, 'user.totp_reset_request')).toBe(1);
    expect(await audited(system.user.id, 'user.totp_reset_confirm')).toBe(1);
    // A request expires after a day.
    const other = await admin(org, 'audit_admin');
    await security.client.post(`/api/users/${other.user.id}/totp-reset`);
    t.clock.advance(25 * 3600_000);
    const late = await loginWithTotp(t, system.user.username, system.user.password);
    expect((await late.post(`/api/users/${other.user.id}/totp-reset/confirm`)).statusCode).toBe(409);
  });

  it('a one-time password expires after seven days', async () => {
    const org = await buildOrg(t.app.ctx);
    const boss = await staff('community_supervisor', org.communityA);
    const worker = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const { oneTimePassword: oneTime } = await boss.client.postAs(
      OneTimePasswordResult,
      `/api/users/${worker.id}/reset-password`,
    );
    t.clock.advance(8 * 86_400_000);
    expect((await new TestClient(t.app).login(worker.username, oneTime)).json().code).toBe('auth.invalid_credentials');
  });
});
