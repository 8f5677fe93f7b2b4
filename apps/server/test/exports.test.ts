import ExcelJS from 'exceljs';
import { AssessmentResult, CaseDetail, ExportRequest, ExportRequestList, TierApprovalList } from '@linli/contracts';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/platform/audit.tables';
import { buildOrg } from './factories/org';
import { createClient, makeIdNumber } from './factories/care';
import { expectError, signedIn, useTestApp, type TestClient } from './harness';

// Every test starts at 2026-03-02 09:00 (China), in a district of its own.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  return { org, worker: worker.client, workerId: worker.id, supervisor: supervisor.client };
}

const listed = async (client: TestClient, id: string) =>
  (await client.getAs(ExportRequestList, '/api/care/exports')).items.find((r) => r.id === id);

async function sheetText(payload: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const text: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => text.push(String(cell.text))));
  return text.join('\n');
}

describe('unmasked export (R-18)', () => {
  it('needs a request with a reason, another person’s approval, and downloads once, watermarked and audited', async () => {
    const { org, worker, workerId, supervisor } = await community();
    const idNumber = makeIdNumber('1941-05-05');
    await createClient(worker, org.communityA, { name: '周全名', idNumber, phone: '13512345678' });
    const request = await worker.postAs(ExportRequest, '/api/care/exports', {
      filter: { communityCode: org.communityA },
      reason: '年度低保复核需要完整名单',
    });
    expect(request).toMatchObject({ status: 'pending', allowedActions: [], estimatedRows: 1 });
    expectError(await worker.get(`/api/care/exports/${request.id}/download`), 409);
    expectError(await worker.post(`/api/care/exports/${request.id}/decision`, { approve: true }), 403);
    expect((await listed(supervisor, request.id))?.allowedActions).toEqual(['decide']);
    expect(
      (await supervisor.postAs(ExportRequest, `/api/care/exports/${request.id}/decision`, { approve: true })).status,
    ).toBe('approved');
    expectError(await supervisor.get(`/api/care/exports/${request.id}/download`), 403);
    const file = await worker.get(`/api/care/exports/${request.id}/download`);
    expect(file.statusCode).toBe(200);
    const text = await sheetText(file.rawPayload);
    expect(text).toContain(idNumber);
    expect(text).toContain('13512345678');
    expect(text).toContain('周全名');
    expect(text).toContain('未脱敏');
    expect(text).toContain(request.id.slice(0, 8));
    expectError(await worker.get(`/api/care/exports/${request.id}/download`), 409);
    expect(await listed(worker, request.id)).toMatchObject({ status: 'downloaded', rowCount: 1 });
    await t.app.ctx.auditWriter.flush(); // seal the audit outbox before reading the log directly
    const rows = await t.app.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, workerId), eq(auditLog.action, 'client.export_unmasked')));
    expect(rows.map((r) => r.detail)).toEqual([
      expect.stringMatching(new RegExp(`^UNMASKED, request ${request.id}, areas ${org.communityA}; 1 rows;`)),
    ]);
  });

  it('expires an approval after 24 hours', async () => {
    const { worker, supervisor } = await community();
    const request = await worker.postAs(ExportRequest, '/api/care/exports', {
      filter: { tier: 'red' },
      reason: '核对红色等级名单',
    });
    const approved = await supervisor.postAs(ExportRequest, `/api/care/exports/${request.id}/decision`, {
      approve: true,
    });
    expect(approved.expiresAt).toBe('2026-03-03T01:00:00.000Z');
    t.clock.advance(25 * 3600_000);
    await worker.relogin();
    expectError(await worker.get(`/api/care/exports/${request.id}/download`), 409);
    expect((await listed(worker, request.id))?.status).toBe('expired');
  });
});

describe('F3: an approver must hold every area an unmasked export can contain', () => {
  it('refuses a community-A supervisor for a request that spans A and B; the download covers only approved areas', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client: requester } = await signedIn(t, ['social_worker'], [org.communityA, org.communityB]);
    const inA = makeIdNumber('1942-02-02');
    const inB = makeIdNumber('1943-03-03');
    await createClient(requester, org.communityA, { name: '甲社区人', idNumber: inA });
    await createClient(requester, org.communityB, { name: '乙社区人', idNumber: inB });
    // An empty filter: the request covers the requester's whole jurisdiction, A and B.
    const wide = await requester.postAs(ExportRequest, '/api/care/exports', {
      filter: {},
      reason: '两个社区的年度复核',
    });
    expect(wide.areas).toEqual([
      { code: org.communityA, name: '一号社区' },
      { code: org.communityB, name: '二号社区' },
    ]);
    expect(wide.estimatedRows).toBe(2);
    // The supervisor of A alone may not approve it (and is not offered the button)…
    const { client: bossA } = await signedIn(t, ['community_supervisor'], [org.communityA]);
    expect((await listed(bossA, wide.id))?.allowedActions ?? []).not.toContain('decide');
    expectError(
      await bossA.post(`/api/care/exports/${wide.id}/decision`, { approve: true }),
      403,
      'common.approver_scope',
    );
    expect((await listed(requester, wide.id))?.status).toBe('pending');
    // …a street officer holding both may.
    const { client: street } = await signedIn(t, ['street_officer'], [org.streetA]);
    expect((await listed(street, wide.id))?.allowedActions).toEqual(['decide']);
    expect(
      (await street.postAs(ExportRequest, `/api/care/exports/${wide.id}/decision`, { approve: true })).status,
    ).toBe('approved');
    const both = await sheetText((await requester.get(`/api/care/exports/${wide.id}/download`)).rawPayload);
    expect(both).toContain(inA);
    expect(both).toContain(inB);

    // A request narrowed to A, approved by A's supervisor, never yields B's rows.
    const narrow = await requester.postAs(ExportRequest, '/api/care/exports', {
      filter: { communityCode: org.communityA },
      reason: '甲社区年度复核',
    });
    expect(narrow).toMatchObject({ areas: [{ code: org.communityA, name: '一号社区' }], estimatedRows: 1 });
    expect(
      (await bossA.postAs(ExportRequest, `/api/care/exports/${narrow.id}/decision`, { approve: true })).status,
    ).toBe('approved');
    const onlyA = await sheetText((await requester.get(`/api/care/exports/${narrow.id}/download`)).rawPayload);
    expect(onlyA).toContain(inA);
    expect(onlyA).not.toContain(inB);
    expect(onlyA).not.toContain('乙社区人');
  });

  it('tier and case-plan approvals need the approver to hold the client’s community too', async () => {
    const { org, worker, supervisor } = await community();
    const { client: gridBoss } = await signedIn(t, ['community_supervisor'], [org.gridsA[0]!]);
    const client = await createClient(worker, org.communityA, { gridCode: org.gridsA[0] });
    // A downgrade from red needs approval; the worker's assessment queues it.
    await supervisor.postAs(AssessmentResult, `/api/care/clients/${client.id}/assessments`, {
      scores: { health: { score: 3 } },
      tier: 'red',
    });
    const queued = await worker.postAs(AssessmentResult, `/api/care/clients/${client.id}/assessments`, {
      scores: { health: { score: 1 } },
      tier: 'blue',
      overrideReason: '病情好转',
    });
    expect(queued.tierChange).toBe('pending_approval');
    const changes = (await supervisor.getAs(TierApprovalList, '/api/care/tier-approvals')).items;
    expect(changes.map((c) => c.clientId)).toEqual([client.id]);
    expectError(
      await gridBoss.post(`/api/care/tier-approvals/${changes[0]!.id}`, { approve: true }),
      403,
      'common.approver_scope',
    );
    const opened = await worker.postAs(CaseDetail, `/api/care/clients/${client.id}/cases`, {
      goals: [{ domain: 'health', goal: '按时服药' }],
      tasks: [],
    });
    expect((await gridBoss.getAs(CaseDetail, `/api/care/cases/${opened.id}`)).allowedActions).not.toContain(
      'decide_plan',
    );
    expectError(
      await gridBoss.post(`/api/care/cases/${opened.id}/plan-decision`, { approve: true }),
      403,
      'common.approver_scope',
    );
    expect(
      (await supervisor.postAs(CaseDetail, `/api/care/cases/${opened.id}/plan-decision`, { approve: true })).status,
    ).toBe('active');
  });
});
