import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { createClient, makeIdNumber } from './factories/care';
import { createTestApp, TestClient, type TestApp } from './harness';

let t: TestApp;
let org: TestOrg;
let worker: TestClient;
let supervisor: TestClient;
let workerCredentials: [string, string] | null = null;

async function login(roles: Parameters<typeof createUser>[1]['roles'], areas: string[]) {
  const user = await createUser(t.app.ctx, { roles, areas });
  const client = new TestClient(t.app);
  await client.login(user.username, user.password);
  return client;
}

beforeAll(async () => {
  t = await createTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
  org = await buildOrg(t.app.ctx);
  const w = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
  workerCredentials = [w.username, w.password];
  worker = new TestClient(t.app);
  await worker.login(w.username, w.password);
  supervisor = await login(['community_supervisor'], [org.communityA]);
});
afterAll(() => t.close());

async function sheetText(payload: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const text: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => text.push(String(cell.text))));
  return text.join('\n');
}

describe('unmasked export (R-18)', () => {
  it('needs a request with a reason, another person’s approval, and downloads once, watermarked and audited', async () => {
    const idNumber = makeIdNumber('1941-05-05');
    await createClient(worker, org.communityA, { name: '周全名', idNumber, phone: '13512345678' });
    const request = (await worker.post('/api/care/exports', { filter: { communityCode: org.communityA }, reason: '年度低保复核需要完整名单' })).json();
    expect(request).toMatchObject({ status: 'pending', allowedActions: [] });
    expect((await worker.get(`/api/care/exports/${request.id}/download`)).statusCode).toBe(409);
    expect((await worker.post(`/api/care/exports/${request.id}/decision`, { approve: true })).statusCode).toBe(403);
    const pending = (await supervisor.get('/api/care/exports')).json().items.find((r: { id: string }) => r.id === request.id);
    expect(pending.allowedActions).toEqual(['decide']);
    expect((await supervisor.post(`/api/care/exports/${request.id}/decision`, { approve: true })).json().status).toBe('approved');
    expect((await supervisor.get(`/api/care/exports/${request.id}/download`)).statusCode).toBe(403);
    const file = await worker.get(`/api/care/exports/${request.id}/download`);
    expect(file.statusCode).toBe(200);
    const text = await sheetText(file.rawPayload);
    expect(text).toContain(idNumber);
    expect(text).toContain('13512345678');
    expect(text).toContain('周全名');
    expect(text).toContain('未脱敏');
    expect(text).toContain(request.id.slice(0, 8));
    expect((await worker.get(`/api/care/exports/${request.id}/download`)).statusCode).toBe(409);
    const mine = (await worker.get('/api/care/exports')).json().items.find((r: { id: string }) => r.id === request.id);
    expect(mine.status).toBe('downloaded');
    expect(mine.rowCount).toBeGreaterThanOrEqual(1);
    await t.app.ctx.auditWriter.flush(); // seal the audit outbox before reading the log directly
    const { auditLog } = await import('../src/platform/audit.tables');
    const rows = await t.app.ctx.db.select().from(auditLog);
    expect(rows.find((r) => r.action === 'client.export_unmasked')?.detail).toMatch(/UNMASKED, request .*; \d+ rows/);
  });

  it('expires an approval after 24 hours', async () => {
    const request = (await worker.post('/api/care/exports', { filter: { tier: 'red' }, reason: '核对红色等级名单' })).json();
    await supervisor.post(`/api/care/exports/${request.id}/decision`, { approve: true });
    t.clock.advance(25 * 3600_000);
    await worker.login(...workerCredentials!);
    const late = await worker.get(`/api/care/exports/${request.id}/download`);
    expect(late.statusCode).toBe(409);
  });
});

describe('F3: an approver must hold every area an unmasked export can contain', () => {
  it('refuses a community-A supervisor for a request that spans A and B; the download covers only approved areas', async () => {
    const social = await createUser(t.app.ctx, { roles: ['social_worker'], areas: [org.communityA, org.communityB] });
    const requester = new TestClient(t.app);
    await requester.login(social.username, social.password);
    const inA = makeIdNumber('1942-02-02');
    const inB = makeIdNumber('1943-03-03');
    await createClient(requester, org.communityA, { name: '甲社区人', idNumber: inA });
    await createClient(requester, org.communityB, { name: '乙社区人', idNumber: inB });
    // An empty filter: the request covers the requester's whole jurisdiction, A and B.
    const wide = (await requester.post('/api/care/exports', { filter: {}, reason: '两个社区的年度复核' })).json();
    expect(wide.areas.map((a: { code: string }) => a.code).sort()).toEqual([org.communityA, org.communityB].sort());
    expect(wide.estimatedRows).toBeGreaterThanOrEqual(2);
    // The supervisor of A alone may not approve it (and is not offered the button)…
    const bossA = await login(['community_supervisor'], [org.communityA]);
    const seen = (await bossA.get('/api/care/exports')).json().items.find((r: { id: string }) => r.id === wide.id);
    expect(seen?.allowedActions ?? []).not.toContain('decide');
    const refused = await bossA.post(`/api/care/exports/${wide.id}/decision`, { approve: true });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'common.approver_scope']);
    expect((await requester.get('/api/care/exports')).json().items.find((r: { id: string }) => r.id === wide.id).status).toBe('pending');
    // …a street officer holding both may.
    const street = await login(['street_officer'], [org.streetA]);
    const listed = (await street.get('/api/care/exports')).json().items.find((r: { id: string }) => r.id === wide.id);
    expect(listed.allowedActions).toEqual(['decide']);
    expect((await street.post(`/api/care/exports/${wide.id}/decision`, { approve: true })).json().status).toBe('approved');
    const both = await sheetText((await requester.get(`/api/care/exports/${wide.id}/download`)).rawPayload);
    expect(both).toContain(inA);
    expect(both).toContain(inB);

    // A request narrowed to A, approved by A's supervisor, never yields B's rows.
    const narrow = (await requester.post('/api/care/exports', { filter: { communityCode: org.communityA }, reason: '甲社区年度复核' })).json();
    expect(narrow.areas).toEqual([{ code: org.communityA, name: '一号社区' }]);
    expect((await bossA.post(`/api/care/exports/${narrow.id}/decision`, { approve: true })).json().status).toBe('approved');
    const onlyA = await sheetText((await requester.get(`/api/care/exports/${narrow.id}/download`)).rawPayload);
    expect(onlyA).toContain(inA);
    expect(onlyA).not.toContain(inB);
    expect(onlyA).not.toContain('乙社区人');
  });

  it('tier and case-plan approvals need the approver to hold the client’s community too', async () => {
    // Fresh sessions: an earlier test moved the clock a day on.
    const worker = await login(['community_worker'], [org.communityA]);
    const supervisor = await login(['community_supervisor'], [org.communityA]);
    const gridBoss = await login(['community_supervisor'], [org.gridsA[0]!]);
    const client = await createClient(worker, org.communityA, { gridCode: org.gridsA[0] });
    // A downgrade from red needs approval; the worker's assessment queues it.
    const red = await supervisor.post(`/api/care/clients/${client.id}/assessments`, { scores: { health: { score: 3 } }, tier: 'red' });
    expect(red.statusCode, red.body).toBe(200);
    const queued = (await worker.post(`/api/care/clients/${client.id}/assessments`, { scores: { health: { score: 1 } }, tier: 'blue' })).json();
    expect(queued.tierChange).toBe('pending_approval');
    const change = (await supervisor.get('/api/care/tier-approvals')).json().items.find((c: { clientId: string }) => c.clientId === client.id);
    const res = await gridBoss.post(`/api/care/tier-approvals/${change.id}`, { approve: true });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('common.approver_scope');
    const caseRes = (await worker.post(`/api/care/clients/${client.id}/cases`, { goals: [{ domain: 'health', goal: '按时服药' }], tasks: [] })).json();
    const caseByGridBoss = (await gridBoss.get(`/api/care/cases/${caseRes.id}`)).json();
    expect(caseByGridBoss.allowedActions).not.toContain('decide_plan');
    expect((await gridBoss.post(`/api/care/cases/${caseRes.id}/plan-decision`, { approve: true })).json().code).toBe('common.approver_scope');
    expect((await supervisor.post(`/api/care/cases/${caseRes.id}/plan-decision`, { approve: true })).json().status).toBe('active');
  });
});
