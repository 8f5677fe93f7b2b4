import {
  AUDIT_ACTIONS,
  AssessmentInput,
  AssessmentResult,
  AuditList,
  CaseApprovalList,
  CaseDetail,
  ExportRequest,
  ExportRequestList,
  LatestAssessment,
  Ok,
  TierApprovalList,
} from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { buildOrg } from './factories/org';
import { createClient } from './factories/care';
import { expectError, signedIn, useTestApp, type TestClient } from './harness';

// Every test starts at 2026-03-02 09:00 (China), in a district of its own.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  const otherSupervisor = await signedIn(t, ['community_supervisor'], [org.communityB]);
  return { org, worker: worker.client, supervisor, other: otherSupervisor.client };
}

const RED = { scores: { health: { score: 3, note: '行动不便' } }, tier: 'red' } as const;
const YELLOW = { scores: { health: { score: 2 }, income: { score: 2 } }, tier: 'yellow' } as const;

const assessments = (id: string) => `/api/care/clients/${id}/assessments`;
const later = () => t.clock.advance(60_000);

/** A red client whose downgrade to yellow (with a reason) waits for the supervisor. */
async function pendingDowngrade(worker: TestClient, communityCode: string) {
  const c = await createClient(worker, communityCode);
  await worker.postAs(AssessmentResult, assessments(c.id), RED);
  later();
  const down = await worker.postAs(AssessmentResult, assessments(c.id), {
    ...YELLOW,
    overrideReason: '子女已回家照料',
  });
  expect(down.tierChange).toBe('pending_approval');
  return { client: c, assessmentId: down.assessmentId };
}

describe('tier approvals: 已处理 and the assessment behind a change', () => {
  it('a decided change leaves 待审批 for 已处理 with who, when, decision and note; other areas see neither', async () => {
    const { org, worker, supervisor, other } = await community();
    const { client, assessmentId } = await pendingDowngrade(worker, org.communityA);
    const pending = (await supervisor.client.getAs(TierApprovalList, '/api/care/tier-approvals')).items;
    expect(pending).toEqual([
      expect.objectContaining({
        clientId: client.id,
        fromTier: 'red',
        toTier: 'yellow',
        reason: '子女已回家照料',
        status: 'pending_approval',
        decidedBy: null,
        assessment: expect.objectContaining({
          id: assessmentId,
          scores: { health: { score: 2 }, income: { score: 2 } },
          suggestedTier: 'yellow',
          tier: 'yellow',
          overrideReason: '子女已回家照料',
        }),
      }),
    ]);
    expect((await supervisor.client.getAs(TierApprovalList, '/api/care/tier-approvals?view=decided')).items).toEqual(
      [],
    );
    later();
    await supervisor.client.postAs(Ok, `/api/care/tier-approvals/${pending[0]!.id}`, {
      approve: false,
      note: '下月复评再议',
    });
    expect((await supervisor.client.getAs(TierApprovalList, '/api/care/tier-approvals')).items).toEqual([]);
    const decided = (await supervisor.client.getAs(TierApprovalList, '/api/care/tier-approvals?view=decided')).items;
    expect(decided).toEqual([
      expect.objectContaining({
        id: pending[0]!.id,
        status: 'rejected',
        decidedAt: '2026-03-02T01:02:00.000Z',
        decisionNote: '下月复评再议',
      }),
    ]);
    expect(decided[0]!.decidedBy).not.toBeNull();
    // Another community's supervisor sees neither tab's rows.
    expect((await other.getAs(TierApprovalList, '/api/care/tier-approvals?view=decided')).items).toEqual([]);
    expect((await other.getAs(TierApprovalList, '/api/care/tier-approvals')).items).toEqual([]);
    expectError(await worker.get('/api/care/tier-approvals?view=decided'), 403);
  });

  it('a change applied at once by a supervisor was never in the queue, so 已处理 does not list it', async () => {
    const { org, supervisor } = await community();
    const c = await createClient(supervisor.client, org.communityA);
    await supervisor.client.postAs(AssessmentResult, assessments(c.id), RED);
    later();
    const down = await supervisor.client.postAs(AssessmentResult, assessments(c.id), {
      ...YELLOW,
      overrideReason: '已入住养老院',
    });
    expect(down.tierChange).toBe('applied');
    const decided = (await supervisor.client.getAs(TierApprovalList, '/api/care/tier-approvals?view=decided')).items;
    expect(decided.map((d) => d.clientId)).toEqual([]);
  });
});

describe('a downgrade needs a reason', () => {
  it('refuses a downgrade without a reason even when it is the suggestion; an upgrade or a first tier needs none', async () => {
    const { org, worker } = await community();
    const c = await createClient(worker, org.communityA);
    const first = await worker.postAs(AssessmentResult, assessments(c.id), YELLOW);
    expect(first.tierChange).toBe('applied');
    later();
    const up = await worker.postAs(AssessmentResult, assessments(c.id), RED);
    expect(up).toMatchObject({ tier: 'red', tierChange: 'applied' });
    later();
    // The real tier is red: a suggested yellow without a reason is refused by the server ...
    const refused = expectError(await worker.post(assessments(c.id), YELLOW), 400, 'care.override_reason_required');
    expect(refused.fields).toEqual([
      expect.objectContaining({ path: 'overrideReason', code: 'care.downgrade_reason' }),
    ]);
    // ... and by the contract when the form says which tier it saw.
    const byContract = expectError(
      await worker.post(assessments(c.id), { ...YELLOW, fromTier: 'red' }),
      400,
      'common.validation_failed',
    );
    expect(byContract.fields).toEqual([
      expect.objectContaining({ path: 'overrideReason', code: 'care.downgrade_reason', message: '降低等级须填写理由' }),
    ]);
    const withReason = await worker.postAs(AssessmentResult, assessments(c.id), {
      ...YELLOW,
      fromTier: 'red',
      overrideReason: '病情稳定',
    });
    expect(withReason.tierChange).toBe('pending_approval');
  });

  it('the contract schema: downgrade needs a reason, upgrade and keeping the tier do not', () => {
    const base = { scores: {}, tier: 'blue' as const };
    expect(AssessmentInput.safeParse({ ...base, fromTier: 'yellow' }).success).toBe(false);
    expect(AssessmentInput.safeParse({ ...base, fromTier: 'yellow', overrideReason: '好转' }).success).toBe(true);
    expect(AssessmentInput.safeParse({ ...base, fromTier: 'blue' }).success).toBe(true);
    expect(AssessmentInput.safeParse({ ...base, fromTier: null }).success).toBe(true);
    expect(AssessmentInput.safeParse({ ...base, tier: 'red', fromTier: 'yellow' }).success).toBe(true);
  });
});

describe('the assessment form starts from the previous scores', () => {
  it('gives the current tier and the latest assessment’s scores, or none before the first', async () => {
    const { org, worker, other } = await community();
    const c = await createClient(worker, org.communityA);
    expect(await worker.getAs(LatestAssessment, `${assessments(c.id)}/latest`)).toEqual({
      currentTier: null,
      latest: null,
    });
    await worker.postAs(AssessmentResult, assessments(c.id), YELLOW);
    later();
    const second = await worker.postAs(AssessmentResult, assessments(c.id), RED);
    const latest = await worker.getAs(LatestAssessment, `${assessments(c.id)}/latest`);
    expect(latest).toEqual({
      currentTier: 'red',
      latest: {
        id: second.assessmentId,
        scores: { health: { score: 3, note: '行动不便' } },
        suggestedTier: 'red',
        tier: 'red',
        overrideReason: null,
        assessedAt: '2026-03-02T01:01:00.000Z',
      },
    });
    expectError(await other.get(`${assessments(c.id)}/latest`), 404);
  });
});

describe('case plan and closure approvals: 已处理', () => {
  it('lists pending plans and closures, then the decisions with who, when and the note, in the approver’s area', async () => {
    const { org, worker, supervisor, other } = await community();
    const c = await createClient(worker, org.communityA);
    const opened = await worker.postAs(CaseDetail, `/api/care/clients/${c.id}/cases`, {
      goals: [
        { domain: 'health', goal: '按时服药' },
        { domain: 'income', goal: '申请低保' },
      ],
      tasks: [],
    });
    const pending = (await supervisor.client.getAs(CaseApprovalList, '/api/care/case-approvals')).items;
    expect(pending).toEqual([
      expect.objectContaining({ caseId: opened.id, kind: 'plan', status: 'pending', goalCount: 2, decidedBy: null }),
    ]);
    expect(pending[0]!.requestedBy).not.toBeNull();
    later();
    await supervisor.client.postAs(CaseDetail, `/api/care/cases/${opened.id}/plan-decision`, {
      approve: true,
      note: '计划可行',
    });
    later();
    await worker.postAs(CaseDetail, `/api/care/cases/${opened.id}/close`, { reason: '目标已达成' });
    expect((await supervisor.client.getAs(CaseApprovalList, '/api/care/case-approvals')).items).toEqual([
      expect.objectContaining({ caseId: opened.id, kind: 'closure', status: 'pending', reason: '目标已达成' }),
    ]);
    later();
    await supervisor.client.postAs(CaseDetail, `/api/care/cases/${opened.id}/closure-decision`, { approve: false });
    expect((await supervisor.client.getAs(CaseApprovalList, '/api/care/case-approvals')).items).toEqual([]);
    const decided = (await supervisor.client.getAs(CaseApprovalList, '/api/care/case-approvals?view=decided')).items;
    expect(decided.map((d) => [d.kind, d.status, d.decidedAt, d.decisionNote, d.reason])).toEqual([
      ['closure', 'rejected', '2026-03-02T01:03:00.000Z', null, '目标已达成'],
      ['plan', 'approved', '2026-03-02T01:01:00.000Z', '计划可行', null],
    ]);
    expect(decided.every((d) => d.decidedBy !== null && d.requestedBy !== null)).toBe(true);
    expect((await other.getAs(CaseApprovalList, '/api/care/case-approvals?view=decided')).items).toEqual([]);
    expectError(await worker.get('/api/care/case-approvals'), 403);
  });
});

describe('export requests: the row count and 已处理', () => {
  it('says how many rows the filter matches, and a decided request moves to 已处理 with its decider', async () => {
    const { org, worker, supervisor, other } = await community();
    for (let i = 0; i < 3; i++) await createClient(worker, org.communityA);
    const workerB = await signedIn(t, ['community_worker'], [org.communityB]);
    await createClient(workerB.client, org.communityB);
    const request = await worker.postAs(ExportRequest, '/api/care/exports', {
      filter: { communityCode: org.communityA },
      reason: '年度复核需要完整名单',
    });
    expect(request.estimatedRows).toBe(3);
    const view = async (client: TestClient, v: string) =>
      (await client.getAs(ExportRequestList, `/api/care/exports?view=${v}`)).items.map((r) => r.id);
    expect(await view(supervisor.client, 'pending')).toEqual([request.id]);
    expect(await view(supervisor.client, 'decided')).toEqual([]);
    await supervisor.client.postAs(ExportRequest, `/api/care/exports/${request.id}/decision`, {
      approve: false,
      note: '范围过大',
    });
    expect(await view(supervisor.client, 'pending')).toEqual([]);
    const decided = (await supervisor.client.getAs(ExportRequestList, '/api/care/exports?view=decided')).items;
    expect(decided).toEqual([
      expect.objectContaining({ id: request.id, status: 'rejected', decisionNote: '范围过大', estimatedRows: 3 }),
    ]);
    expect(decided[0]!.decidedByName).not.toBeNull();
    expect(await view(worker, 'decided')).toEqual([request.id]);
    expect(await view(other, 'decided')).toEqual([]);
  });
});

describe('audit log in words', () => {
  it('names the client a row is about, masked for the auditor', async () => {
    const { org, worker } = await community();
    const c = await createClient(worker, org.communityA, { name: '欧阳明月' });
    const auditor = await signedIn(t, ['audit_admin'], [org.district]);
    await t.app.ctx.auditWriter.flush();
    const list = await auditor.client.getAs(AuditList, `/api/audit?action=client.create&objectId=${c.id}`);
    expect(list.items.map((e) => [e.action, e.clientName])).toEqual([['client.create', '欧***']]);
  });
});

describe('audit action codes', () => {
  it('every action the server writes is in AUDIT_ACTIONS (so the picker and the table can name it)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '../src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const written = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/action: '([a-z_.]+)'/g)) written.add(m[1]!);
      for (const m of text.matchAll(/action: \w+ \? '([a-z_.]+)' : '([a-z_.]+)'/g)) written.add(m[1]!).add(m[2]!);
    }
    written.delete('none');
    expect(written.size).toBeGreaterThan(50); // the scan found the service files (their number is not ours to fix)
    expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });
});
