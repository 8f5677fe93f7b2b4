import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { assess, createClient } from './factories/care';
import { createTestApp, TestClient, type TestApp } from './harness';

let t: TestApp;
let org: TestOrg;
let worker: TestClient;
let supervisor: TestClient;
const logins = new Map<string, [string, string]>();

beforeAll(async () => {
  t = await createTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 }, '2026-03-02T01:00:00Z');
  org = await buildOrg(t.app.ctx);
  const w = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
  const s = await createUser(t.app.ctx, { roles: ['community_supervisor'], areas: [org.communityA] });
  worker = new TestClient(t.app);
  await worker.login(w.username, w.password);
  supervisor = new TestClient(t.app);
  await supervisor.login(s.username, s.password);
  logins.set('worker', [w.username, w.password]);
  logins.set('supervisor', [s.username, s.password]);
});
afterAll(() => t.close());

describe('cases', () => {
  it('runs plan approval → tasks ticked off from a visit → closure approval → reopen, keeping the history', async () => {
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    const opened = (await worker.post(`/api/care/clients/${c.id}/cases`, {
      goals: [{ domain: 'health', goal: '血压稳定' }, { domain: 'income', goal: '申请低保' }],
      tasks: [{ goalIndex: 0, title: '陪同复诊' }, { goalIndex: 1, title: '准备低保材料', dueDate: '2026-03-20' }],
    })).json();
    expect(opened).toMatchObject({ status: 'plan_pending', allowedActions: [] });
    expect((await worker.post(`/api/care/cases/${opened.id}/plan-decision`, { approve: true })).statusCode).toBe(403);
    const rejected = (await supervisor.post(`/api/care/cases/${opened.id}/plan-decision`, { approve: false, note: '目标需要更具体' })).json();
    expect(rejected.status).toBe('draft');
    const revised = (await worker.put(`/api/care/cases/${opened.id}/plan`, {
      goals: [{ domain: 'health', goal: '收缩压低于 140' }], tasks: [{ goalIndex: 0, title: '陪同复诊' }],
    })).json();
    expect(revised.status).toBe('plan_pending');
    const active = (await supervisor.post(`/api/care/cases/${opened.id}/plan-decision`, { approve: true })).json();
    expect(active.status).toBe('active');
    const task = active.tasks.find((x: { title: string }) => x.title === '陪同复诊');

    t.clock.advance(7 * 86_400_000);
    await worker.login(...relogin('worker'));
    const visit = (await worker.get('/api/care/worklist')).json().dueToday.find((v: { clientId: string }) => v.clientId === c.id);
    await worker.post(`/api/care/visits/${visit.id}/record`, { outcome: 'done', mode: 'home', visitedOn: visit.dueDate, caseTaskIds: [task.id] });
    const afterVisit = (await worker.get(`/api/care/cases/${opened.id}`)).json();
    expect(afterVisit.tasks.find((x: { id: string }) => x.id === task.id)).toMatchObject({ doneVisitId: visit.id });

    await supervisor.login(...relogin('supervisor'));
    expect((await worker.post(`/api/care/cases/${opened.id}/close`, { reason: '目标达成' })).json().status).toBe('closure_pending');
    expect((await supervisor.post(`/api/care/cases/${opened.id}/closure-decision`, { approve: true })).json().status).toBe('closed');
    expect((await worker.post(`/api/care/cases/${opened.id}/close`, { reason: '再关一次' })).json().code).toBe('care.invalid_state');
    const reopened = (await worker.post(`/api/care/cases/${opened.id}/reopen`, { reason: '病情反复' })).json();
    expect(reopened.status).toBe('active');
    expect(reopened.events.map((e: { kind: string }) => e.kind)).toEqual([
      'opened', 'plan_rejected', 'plan_revised', 'plan_approved', 'close_requested', 'closed', 'reopened',
    ]);
    expect((await supervisor.get('/api/care/cases?status=active')).json().items.map((x: { id: string }) => x.id)).toContain(opened.id);
  });
});

describe('referrals and consent', () => {
  it('needs a consent for referral, books a follow-up visit when done, and revoking consent blocks new referrals', async () => {
    const c = await createClient(worker, org.communityA);
    const referral = { providerName: '阳光社工服务中心', providerType: 'social_org', service: '居家适老化改造评估' };
    const refused = await worker.post(`/api/care/clients/${c.id}/referrals`, referral);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'care.consent_required']);
    const badConsent = await worker.post(`/api/care/clients/${c.id}/consents`, { purpose: 'referral', basis: 'statutory_duty', grantedBy: 'not_applicable', noticeVersion: 'v1' });
    expect(badConsent.json().fields[0].path).toBe('statute');
    const consent = (await worker.post(`/api/care/clients/${c.id}/consents`, { purpose: 'referral', basis: 'consent', grantedBy: 'guardian', guardianName: '王小红', noticeVersion: '2026-01' })).json();
    const sent = (await worker.post(`/api/care/clients/${c.id}/referrals`, referral)).json();
    expect(sent).toMatchObject({ status: 'sent', version: 1 });
    expect((await worker.post(`/api/care/referrals/${sent.id}/report`, { version: 1, report: '已完成' })).json().code).toBe('care.invalid_state');
    const accepted = (await worker.post(`/api/care/referrals/${sent.id}/respond`, { version: 1, accepted: true, note: '下周上门' })).json();
    expect(accepted).toMatchObject({ status: 'accepted', version: 2 });
    expect((await worker.post(`/api/care/referrals/${sent.id}/respond`, { version: 1, accepted: false })).statusCode).toBe(409);
    const done = (await worker.post(`/api/care/referrals/${sent.id}/report`, { version: 2, report: '已安装扶手和防滑垫' })).json();
    expect(done.status).toBe('done');
    expect(done.followUpVisitId).toBeTruthy();
    const detail = (await worker.get(`/api/care/clients/${c.id}`)).json();
    expect(detail.nextVisitDue).not.toBeNull();
    expect((await worker.post(`/api/care/consents/${consent.id}/revoke`)).json().revokedAt).not.toBeNull();
    expect((await worker.post(`/api/care/clients/${c.id}/referrals`, referral)).json().code).toBe('care.consent_required');
    const consents = (await worker.get(`/api/care/clients/${c.id}/consents`)).json().items;
    expect(consents[0]).toMatchObject({ purpose: 'referral', grantedBy: 'guardian', noticeVersion: '2026-01' });
    const list = (await worker.get(`/api/care/referrals?clientId=${c.id}`)).json().items;
    expect(list.map((r: { status: string }) => r.status)).toEqual(['done']);
  });
});

/** Moving the clock a week idles sessions out, so tests log in again with the same accounts. */
function relogin(who: 'worker' | 'supervisor'): [string, string] {
  return logins.get(who)!;
}
