import {
  CaseDetail,
  CaseList,
  ClientDetail,
  Consent,
  ConsentList,
  RecordVisitResult,
  Referral,
  ReferralList,
  Worklist,
} from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { buildOrg } from './factories/org';
import { assess, createClient } from './factories/care';
import { advanceDays, expectError, signedIn, useTestApp } from './harness';

// Every test starts at 2026-03-02 09:00 (China), in a district of its own.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  return { org, worker: worker.client, supervisor: supervisor.client };
}

describe('cases', () => {
  it('runs plan approval → tasks ticked off from a visit → closure approval → reopen, keeping the history', async () => {
    const { org, worker, supervisor } = await community();
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    const opened = await worker.postAs(CaseDetail, `/api/care/clients/${c.id}/cases`, {
      goals: [
        { domain: 'health', goal: '血压稳定' },
        { domain: 'income', goal: '申请低保' },
      ],
      tasks: [
        { goalIndex: 0, title: '陪同复诊' },
        { goalIndex: 1, title: '准备低保材料', dueDate: '2026-03-20' },
      ],
    });
    expect(opened).toMatchObject({ status: 'plan_pending', allowedActions: [] });
    expectError(await worker.post(`/api/care/cases/${opened.id}/plan-decision`, { approve: true }), 403);
    const rejected = await supervisor.postAs(CaseDetail, `/api/care/cases/${opened.id}/plan-decision`, {
      approve: false,
      note: '目标需要更具体',
    });
    expect(rejected.status).toBe('draft');
    const revised = await worker.putAs(CaseDetail, `/api/care/cases/${opened.id}/plan`, {
      goals: [{ domain: 'health', goal: '收缩压低于 140' }],
      tasks: [{ goalIndex: 0, title: '陪同复诊' }],
    });
    expect(revised.status).toBe('plan_pending');
    const active = await supervisor.postAs(CaseDetail, `/api/care/cases/${opened.id}/plan-decision`, { approve: true });
    expect(active.status).toBe('active');
    expect(active.tasks.map((x) => x.title)).toEqual(['陪同复诊']);
    const task = active.tasks[0]!;

    await advanceDays(t, 7, worker, supervisor); // 2026-03-09: the red client's first visit is due
    const visit = (await worker.getAs(Worklist, '/api/care/worklist')).dueToday.find((v) => v.clientId === c.id)!;
    await worker.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: visit.dueDate,
      caseTaskIds: [task.id],
    });
    const afterVisit = await worker.getAs(CaseDetail, `/api/care/cases/${opened.id}`);
    expect(afterVisit.tasks).toEqual([expect.objectContaining({ id: task.id, doneVisitId: visit.id })]);

    expect((await worker.postAs(CaseDetail, `/api/care/cases/${opened.id}/close`, { reason: '目标达成' })).status).toBe(
      'closure_pending',
    );
    expect(
      (await supervisor.postAs(CaseDetail, `/api/care/cases/${opened.id}/closure-decision`, { approve: true })).status,
    ).toBe('closed');
    expectError(
      await worker.post(`/api/care/cases/${opened.id}/close`, { reason: '再关一次' }),
      409,
      'care.invalid_state',
    );
    const reopened = await worker.postAs(CaseDetail, `/api/care/cases/${opened.id}/reopen`, { reason: '病情反复' });
    expect(reopened.status).toBe('active');
    expect(reopened.events.map((e) => e.kind)).toEqual([
      'opened',
      'plan_rejected',
      'plan_revised',
      'plan_approved',
      'close_requested',
      'closed',
      'reopened',
    ]);
    expect((await supervisor.getAs(CaseList, '/api/care/cases?status=active')).items.map((x) => x.id)).toEqual([
      opened.id,
    ]);
  });
});

describe('referrals and consent', () => {
  it('needs a consent for referral, books a follow-up visit when done, and revoking consent blocks new referrals', async () => {
    const { org, worker } = await community();
    const c = await createClient(worker, org.communityA);
    const referral = { providerName: '阳光社工服务中心', providerType: 'social_org', service: '居家适老化改造评估' };
    expectError(await worker.post(`/api/care/clients/${c.id}/referrals`, referral), 403, 'care.consent_required');
    const badConsent = await worker.post(`/api/care/clients/${c.id}/consents`, {
      purpose: 'referral',
      basis: 'statutory_duty',
      grantedBy: 'not_applicable',
      noticeVersion: 'v1',
    });
    expect(expectError(badConsent, 400).fields![0]!.path).toBe('statute');
    const consent = await worker.postAs(Consent, `/api/care/clients/${c.id}/consents`, {
      purpose: 'referral',
      basis: 'consent',
      grantedBy: 'guardian',
      guardianName: '王小红',
      noticeVersion: '2026-01',
    });
    const sent = await worker.postAs(Referral, `/api/care/clients/${c.id}/referrals`, referral);
    expect(sent).toMatchObject({ status: 'sent', version: 1 });
    expectError(
      await worker.post(`/api/care/referrals/${sent.id}/report`, { version: 1, report: '已完成' }),
      409,
      'care.invalid_state',
    );
    const accepted = await worker.postAs(Referral, `/api/care/referrals/${sent.id}/respond`, {
      version: 1,
      accepted: true,
      note: '下周上门',
    });
    expect(accepted).toMatchObject({ status: 'accepted', version: 2 });
    expectError(await worker.post(`/api/care/referrals/${sent.id}/respond`, { version: 1, accepted: false }), 409);
    const done = await worker.postAs(Referral, `/api/care/referrals/${sent.id}/report`, {
      version: 2,
      report: '已安装扶手和防滑垫',
    });
    expect(done.status).toBe('done');
    expect(done.followUpVisitId).toBeTruthy();
    // The follow-up is a phone visit a week after the report (the client has no tier, so no other visit is planned).
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`)).nextVisitDue).toBe('2026-03-09');
    expect((await worker.postAs(Consent, `/api/care/consents/${consent.id}/revoke`)).revokedAt).toBe(
      '2026-03-02T01:00:00.000Z',
    );
    expectError(await worker.post(`/api/care/clients/${c.id}/referrals`, referral), 403, 'care.consent_required');
    const consents = (await worker.getAs(ConsentList, `/api/care/clients/${c.id}/consents`)).items;
    expect(consents).toEqual([
      expect.objectContaining({ purpose: 'referral', grantedBy: 'guardian', noticeVersion: '2026-01' }),
    ]);
    const list = (await worker.getAs(ReferralList, `/api/care/referrals?clientId=${c.id}`)).items;
    expect(list.map((r) => r.status)).toEqual(['done']);
  });
});
