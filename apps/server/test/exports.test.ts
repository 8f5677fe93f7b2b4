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
    const { auditLog } = await import('../src/modules/audit/audit.tables');
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
