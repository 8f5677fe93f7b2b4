import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICY } from '@linli/contracts';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { assess, createClient } from './factories/care';
import { createTestApp, TestClient, type TestApp } from './harness';

let t: TestApp;
let org: TestOrg;
let worker: TestClient;
let supervisor: TestClient;
let workerId: string;

async function login(roles: Parameters<typeof createUser>[1]['roles'], areas: string[]) {
  const user = await createUser(t.app.ctx, { roles, areas });
  const client = new TestClient(t.app);
  await client.login(user.username, user.password);
  return { client, id: user.id };
}

beforeAll(async () => {
  t = await createTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 }, '2026-03-02T01:00:00Z');
  org = await buildOrg(t.app.ctx);
  ({ client: worker, id: workerId } = await login(['community_worker'], [org.communityA]));
  ({ client: supervisor } = await login(['community_supervisor'], [org.communityA]));
});
afterAll(() => t.close());

describe('editing a client', () => {
  it('never lets two editors overwrite each other', async () => {
    const c = await createClient(worker, org.communityA);
    const [a, b] = await Promise.all([
      worker.patch(`/api/care/clients/${c.id}`, { version: 1, address: '甲地址' }),
      supervisor.patch(`/api/care/clients/${c.id}`, { version: 1, address: '乙地址' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const stale = await worker.patch(`/api/care/clients/${c.id}`, { version: 1, notes: '过期' });
    expect(stale.json().code).toBe('common.conflict');
    const detail = (await worker.get(`/api/care/clients/${c.id}`)).json();
    expect(detail.version).toBe(2);
    expect(detail.timeline.length).toBeGreaterThan(0);
  });
});

describe('caseload', () => {
  it('reassigning a grid moves its clients and their open visits to the new worker', async () => {
    const c = await createClient(worker, org.communityA, { gridCode: org.gridsA[1] });
    await assess(worker, c.id, 'red');
    const successor = await login(['grid_worker'], [org.gridsA[1]!]);
    expect((await worker.post('/api/care/caseload/reassign', { gridCode: org.gridsA[1], toUserId: successor.id })).statusCode).toBe(403);
    const moved = (await supervisor.post('/api/care/caseload/reassign', { gridCode: org.gridsA[1], toUserId: successor.id })).json();
    expect(moved.clients).toBeGreaterThanOrEqual(1);
    expect(moved.visits).toBeGreaterThanOrEqual(1);
    const list = (await successor.client.get('/api/care/worklist')).json();
    expect([...list.overdue, ...list.dueToday, ...list.thisWeek].map((v: { clientId: string }) => v.clientId)).toContain(c.id);
    const mine = (await worker.get('/api/care/worklist')).json();
    expect([...mine.overdue, ...mine.dueToday, ...mine.thisWeek].map((v: { clientId: string }) => v.clientId)).not.toContain(c.id);
  });

  it('moving out cancels open visits; a pause books the next visit on the resume date', async () => {
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'yellow');
    const moved = await worker.post(`/api/care/clients/${c.id}/status`, { version: 2, status: 'moved_out', reason: '随子女搬离' });
    expect(moved.json()).toMatchObject({ status: 'moved_out', nextVisitDue: null });
    const back = await worker.post(`/api/care/clients/${c.id}/status`, { version: 3, status: 'paused', resumeOn: '2026-04-15', reason: '住院治疗' });
    expect(back.json()).toMatchObject({ status: 'paused', nextVisitDue: '2026-04-15' });
    const noDate = await worker.post(`/api/care/clients/${c.id}/status`, { version: 4, status: 'paused', reason: '住院' });
    expect(noDate.json().fields[0].path).toBe('resumeOn');
  });
});

describe('tier policy', () => {
  it('is versioned per community, inherits the default, and a change re-plans open visits', async () => {
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    expect((await worker.get(`/api/care/clients/${c.id}`)).json().nextVisitDue).toBe('2026-03-09');
    const before = (await supervisor.get(`/api/care/policies/${org.communityA}`)).json();
    expect(before).toMatchObject({ inherited: true, version: 0, rules: DEFAULT_TIER_POLICY });
    const rules = { ...DEFAULT_TIER_POLICY, cadenceDays: { red: 14, yellow: 30, blue: 365 } };
    expect((await worker.put(`/api/care/policies/${org.communityA}`, { rules })).statusCode).toBe(403);
    const updated = (await supervisor.put(`/api/care/policies/${org.communityA}`, { rules })).json();
    expect(updated).toMatchObject({ version: 1, inherited: false });
    expect(updated.replanned).toBeGreaterThanOrEqual(1);
    expect((await worker.get(`/api/care/clients/${c.id}`)).json().nextVisitDue).toBe('2026-03-16');
    expect((await supervisor.get(`/api/care/policies/${org.communityB}`)).statusCode).toBe(404);
    void workerId;
  });
});

describe('duplicate merge', () => {
  it('moves the history to the kept record and can be undone exactly', async () => {
    const kept = await createClient(worker, org.communityA, { name: '合并保留' });
    const dup = await createClient(worker, org.communityA, { name: '合并重复' });
    await assess(worker, dup.id, 'red');
    const merge = (await worker.post(`/api/care/clients/${dup.id}/merge`, { intoId: kept.id, reason: '同一人重复录入' })).json();
    expect(merge.moved).toMatchObject({ assessments: 1, tier_changes: 1, cancelled_visits: 1 });
    const source = (await worker.get(`/api/care/clients/${dup.id}`)).json();
    expect(source).toMatchObject({ status: 'closed', nextVisitDue: null });
    const target = (await worker.get(`/api/care/clients/${kept.id}`)).json();
    expect(target.timeline.some((e: { kind: string }) => e.kind === 'assessment')).toBe(true);
    expect((await worker.post(`/api/care/clients/${dup.id}/merge`, { intoId: kept.id, reason: '再次' })).json().code).toBe('care.invalid_state');
    const undone = (await worker.post(`/api/care/merges/${merge.id}/undo`)).json();
    expect(undone.undoneAt).not.toBeNull();
    const restored = (await worker.get(`/api/care/clients/${dup.id}`)).json();
    expect(restored.status).toBe('active');
    expect(restored.nextVisitDue).not.toBeNull();
    expect((await worker.get(`/api/care/clients/${kept.id}`)).json().timeline.some((e: { kind: string }) => e.kind === 'assessment')).toBe(false);
    expect((await worker.post(`/api/care/merges/${merge.id}/undo`)).json().code).toBe('care.invalid_state');
  });
});
