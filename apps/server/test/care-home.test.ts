import {
  CareHome,
  CaseDetail,
  ClientDetail,
  ClientList,
  EscalationList,
  OverdueQueue,
  RecordVisitResult,
  Worklist,
} from '@linli/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { foldRollups } from '../src/modules/care/supervision/supervision.repository';
import { auditLog } from '../src/platform/audit.tables';
import { buildOrg } from './factories/org';
import { assess, createClient } from './factories/care';
import { advanceDays, signedIn, useTestApp, type TestClient } from './harness';

// Every test starts on Monday 2026-03-02, 09:00 in China, in a district of its own. Passwords do not expire here
// (the ASVS profile), so a test may move the clock by months.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000, passwordProfile: 'asvs' });

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  return { org, worker: worker.client, workerId: worker.id, supervisor: supervisor.client };
}

/** A red client whose first visit (window 03-08…03-10 when assessed on 03-02) is recorded as made on `visitedOn`. */
async function redClientVisitedOn(worker: TestClient, communityCode: string, visitedOn: string | null) {
  const c = await createClient(worker, communityCode);
  await assess(worker, c.id, 'red');
  if (!visitedOn) return c;
  const list = await worker.getAs(Worklist, '/api/care/worklist');
  const visit = [...list.overdue, ...list.dueToday, ...list.thisWeek].find((v) => v.clientId === c.id)!;
  await worker.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, {
    outcome: 'done',
    mode: 'home',
    visitedOn,
  });
  return c;
}

/** One client in each worklist bucket on Monday 03-02 (the red cadence is 7 days, its window ±1). */
async function clientsInEveryBucket(worker: TestClient, communityCode: string) {
  return {
    overdue: await redClientVisitedOn(worker, communityCode, '2026-02-20'), // next window 02-26…02-28
    today: await redClientVisitedOn(worker, communityCode, '2026-02-23'), // 03-01…03-03
    soon: await redClientVisitedOn(worker, communityCode, '2026-02-25'), // 03-03…03-05
    sunday: await redClientVisitedOn(worker, communityCode, null), // 03-08…03-10: opens on Sunday
    alsoSunday: await redClientVisitedOn(worker, communityCode, '2026-03-02'), // 03-08…03-10 too
    later: await createClient(worker, communityCode).then(async (c) => (await assess(worker, c.id, 'yellow'), c)),
  };
}

describe('worklist buckets', () => {
  it('today = the window contains today; this week = the rest of the ISO week; overdue = the window closed', async () => {
    const { org, worker } = await community();
    const c = await clientsInEveryBucket(worker, org.communityA);
    const list = await worker.getAs(Worklist, '/api/care/worklist');
    expect(list.today).toBe('2026-03-02');
    expect(list.overdue.map((v) => v.clientId)).toEqual([c.overdue.id]);
    expect(list.dueToday.map((v) => v.clientId)).toEqual([c.today.id]);
    expect(list.thisWeek.map((v) => v.clientId).sort()).toEqual([c.soon.id, c.sunday.id, c.alsoSunday.id].sort());

    // Sunday 03-08: today's windows are those open on Sunday; nothing is left of the week, so a visit whose window
    // opens on Monday (recorded as made on 03-03: next window 03-09…03-11) is not on the list yet.
    await advanceDays(t, 6, worker);
    let sunday = await worker.getAs(Worklist, '/api/care/worklist');
    expect(sunday.today).toBe('2026-03-08');
    expect(sunday.dueToday.map((v) => v.clientId).sort()).toEqual([c.sunday.id, c.alsoSunday.id].sort());
    const visit = sunday.dueToday.find((v) => v.clientId === c.sunday.id)!;
    const recorded = await worker.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: '2026-03-03',
    });
    expect(recorded.nextVisit).toMatchObject({ windowStart: '2026-03-09', windowEnd: '2026-03-11' });
    sunday = await worker.getAs(Worklist, '/api/care/worklist');
    expect(sunday.dueToday.map((v) => v.clientId)).toEqual([c.alsoSunday.id]);
    expect(sunday.thisWeek).toEqual([]);
    const home = await worker.getAs(CareHome, '/api/care/home');
    expect(home).toMatchObject({ today: '2026-03-08', weekEnd: '2026-03-08' });
    expect(sunday.overdue.map((v) => v.clientId).sort()).toEqual([c.overdue.id, c.today.id, c.soon.id].sort());
    expect(home.mine).toMatchObject({ overdue: 3, dueToday: 1, thisWeek: 0 });
  });

  it('turns the day at midnight China time, not UTC', async () => {
    const { org, worker } = await community();
    const c = await redClientVisitedOn(worker, org.communityA, '2026-02-23'); // window 03-01…03-03
    t.clock.set('2026-03-03T15:59:00Z'); // 23:59 on Tuesday 03-03 in China: still the window's last day
    await worker.relogin();
    let list = await worker.getAs(Worklist, '/api/care/worklist');
    expect(list.dueToday.map((v) => v.clientId)).toEqual([c.id]);
    t.clock.set('2026-03-03T16:01:00Z'); // 00:01 on Wednesday 03-04 in China (still 03-03 in UTC)
    await worker.relogin();
    list = await worker.getAs(Worklist, '/api/care/worklist');
    expect(list.today).toBe('2026-03-04');
    expect(list.overdue.map((v) => [v.clientId, v.overdueDays])).toEqual([[c.id, 1]]);
  });

  it('says the same overdue days on the worklist, client list, client detail, supervisor queue and 工作台', async () => {
    const { org, worker, supervisor } = await community();
    // Visited 02-20 → due 02-27, window 02-26…02-28: on 03-02 it is 2 days overdue (not 3, counted from the due date).
    const c = await redClientVisitedOn(worker, org.communityA, '2026-02-20');
    const days = 2;
    const list = await worker.getAs(Worklist, '/api/care/worklist');
    expect(list.overdue.map((v) => v.overdueDays)).toEqual([days]);
    const clients = await worker.getAs(ClientList, '/api/care/clients?overdue=true&pageSize=100');
    expect(clients.items.map((i) => [i.id, i.overdueDays])).toEqual([[c.id, days]]);
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`)).overdueDays).toBe(days);
    expect((await worker.getAs(CareHome, '/api/care/home')).mine!.next.map((v) => v.overdueDays)).toEqual([days]);
    await advanceDays(t, 2, worker, supervisor); // 4 days overdue: past the supervisor's threshold of 3
    const escalated = (await supervisor.getAs(EscalationList, '/api/care/escalations')).items;
    expect(escalated.map((e) => [e.visit.clientId, e.visit.overdueDays])).toEqual([[c.id, days + 2]]);
    const queue = await supervisor.getAs(OverdueQueue, '/api/care/overdue');
    expect(queue.byCommunity).toEqual([expect.objectContaining({ d1to7: 1, total: 1 })]);
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`)).overdueDays).toBe(days + 2);
  });
});

async function worklistReads(actorId: string) {
  await t.app.ctx.auditWriter.flush();
  return t.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, 'visit.worklist')))
    .orderBy(asc(auditLog.seq));
}

describe('worklist pages (a caseload of hundreds answers one screen)', () => {
  it('pages each list earliest due first with its total, and the read audit names exactly the clients returned', async () => {
    const { org, worker, workerId } = await community();
    // Five overdue (02-26…02-28 windows from visits on 02-20) and one due today.
    const overdue = [];
    for (let i = 0; i < 5; i++) overdue.push(await redClientVisitedOn(worker, org.communityA, '2026-02-20'));
    const today = await redClientVisitedOn(worker, org.communityA, '2026-02-23');
    const before = (await worklistReads(workerId)).length;
    const full = await worker.getAs(Worklist, '/api/care/worklist?pageSize=500');
    expect(full.totals).toEqual({ overdue: 5, dueToday: 1, thisWeek: 0 });
    const order = full.overdue.map((v) => v.clientId);
    expect(order.sort()).toEqual(overdue.map((c) => c.id).sort());

    const first = await worker.getAs(Worklist, '/api/care/worklist?pageSize=2');
    expect(first).toMatchObject({ page: 1, pageSize: 2, totals: { overdue: 5, dueToday: 1, thisWeek: 0 } });
    expect(first.overdue.map((v) => v.clientId)).toEqual(full.overdue.slice(0, 2).map((v) => v.clientId));
    expect(first.dueToday.map((v) => v.clientId)).toEqual([today.id]);

    const pages = [];
    for (let page = 1; page <= 4; page++) {
      const one = await worker.getAs(Worklist, `/api/care/worklist?bucket=overdue&pageSize=2&page=${page}`);
      expect(one).toMatchObject({ page, dueToday: [], thisWeek: [], totals: full.totals });
      pages.push(one.overdue.map((v) => v.clientId));
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1, 0]);
    expect(pages.flat()).toEqual(full.overdue.map((v) => v.clientId));

    // One row per read, naming every client it returned (the full read: all six; page 3: one; page 4: none).
    const named = (await worklistReads(workerId)).slice(before).map((r) => [...r.objectIds].sort());
    expect(named[0]).toEqual([...overdue.map((c) => c.id), today.id].sort());
    expect(named[1]).toEqual([...first.overdue.map((v) => v.clientId), today.id].sort());
    expect(named[4]).toEqual(pages[2]);
    expect(named.length).toBe(6);

    expect((await worker.get('/api/care/worklist?pageSize=501')).statusCode).toBe(400);
    expect((await worker.get('/api/care/worklist?bucket=later')).statusCode).toBe(400);
  });
});

const PLAN_GOAL = { domain: 'health', goal: '按时服药' };

/** A case on a new client of `worker` with the given tasks; approved by `approver` when given (active). */
async function caseWithTasks(
  worker: TestClient,
  communityCode: string,
  tasks: { title: string; ownerId?: string; dueDate?: string }[],
  approver?: TestClient,
) {
  const c = await createClient(worker, communityCode);
  const opened = await worker.postAs(CaseDetail, `/api/care/clients/${c.id}/cases`, {
    goals: [PLAN_GOAL],
    tasks: tasks.map((task) => ({ goalIndex: 0, ...task })),
  });
  if (approver) await approver.postAs(CaseDetail, `/api/care/cases/${opened.id}/plan-decision`, { approve: true });
  return { client: c, caseId: opened.id };
}

/** A client of `worker` with a referral consent and one referral per wanted status. */
async function referralsIn(worker: TestClient, communityCode: string, statuses: ('sent' | 'accepted' | 'declined')[]) {
  const c = await createClient(worker, communityCode);
  const consent = { purpose: 'referral', basis: 'consent', grantedBy: 'self', noticeVersion: 'v1' };
  expect((await worker.post(`/api/care/clients/${c.id}/consents`, consent)).statusCode).toBe(200);
  const ids: Record<string, string> = {};
  for (const status of statuses) {
    const res = await worker.post(`/api/care/clients/${c.id}/referrals`, {
      providerName: '心连心社工服务中心',
      providerType: 'social_org',
      service: `心理疏导（${status}）`,
    });
    const { id } = res.json() as { id: string };
    if (status !== 'sent') {
      const answer = { version: 1, accepted: status === 'accepted' };
      expect((await worker.post(`/api/care/referrals/${id}/respond`, answer)).statusCode).toBe(200);
    }
    ids[status] = id;
  }
  return { client: c, ids };
}

describe('工作台 (GET /api/care/home)', () => {
  it("shows a worker their day: the worklist's counts, the next visits, tasks and referrals waiting on them", async () => {
    const { org, worker, workerId, supervisor } = await community();
    const other = await signedIn(t, ['community_worker'], [org.communityA]);
    const c = await clientsInEveryBucket(worker, org.communityA);
    await redClientVisitedOn(other.client, org.communityA, '2026-02-20'); // another worker's overdue visit
    const active = await caseWithTasks(
      worker,
      org.communityA,
      [
        { title: '联系家庭医生签约' }, // nobody's: the client's worker's
        { title: '陪同复诊', ownerId: workerId, dueDate: '2026-03-05' },
        { title: '申请临时救助', ownerId: other.id, dueDate: '2026-03-03' }, // someone else's
      ],
      supervisor,
    );
    await caseWithTasks(worker, org.communityA, [{ title: '待批计划里的任务', ownerId: workerId }]); // plan pending
    const referred = await referralsIn(worker, org.communityA, ['sent', 'accepted', 'declined']);

    const home = await worker.getAs(CareHome, '/api/care/home');
    const list = await worker.getAs(Worklist, '/api/care/worklist');
    expect(home).toMatchObject({ today: '2026-03-02', weekEnd: '2026-03-08', approvals: null, area: null });
    const mine = home.mine!;
    expect([mine.overdue, mine.dueToday, mine.thisWeek]).toEqual([1, 1, 3]);
    expect([mine.overdue, mine.dueToday, mine.thisWeek]).toEqual([
      list.overdue.length,
      list.dueToday.length,
      list.thisWeek.length,
    ]);
    expect(mine.next.map((v) => v.clientId)).toEqual([c.overdue.id, c.today.id]);
    expect(mine.tasks.count).toBe(2);
    expect(mine.tasks.items.map((i) => [i.title, i.caseId, i.dueDate])).toEqual([
      ['陪同复诊', active.caseId, '2026-03-05'],
      ['联系家庭医生签约', active.caseId, null],
    ]);
    expect(mine.referrals.count).toBe(2);
    // Both were sent at the same instant: compared in id order.
    expect(mine.referrals.items.map((r) => [r.id, r.status, r.clientId]).sort()).toEqual(
      [
        [referred.ids.sent, 'sent', referred.client.id],
        [referred.ids.accepted, 'accepted', referred.client.id],
      ].sort(),
    );
    expect(mine.reassessments).toEqual({ count: 0, items: [] }); // everyone was assessed today
    // The other worker sees only their own overdue visit.
    const theirs = (await other.client.getAs(CareHome, '/api/care/home')).mine!;
    expect([theirs.overdue, theirs.dueToday, theirs.thisWeek, theirs.tasks.count, theirs.referrals.count]).toEqual([
      1, 0, 0, 1, 0,
    ]);
  });

  it('lists the reassessments falling due by the end of the week, dated as the client page dates them', async () => {
    const { org, worker } = await community();
    const red = await createClient(worker, org.communityA);
    await assess(worker, red.id, 'red'); // 3 months: due 2026-06-02
    const yellow = await createClient(worker, org.communityA);
    await assess(worker, yellow.id, 'yellow'); // 6 months: 2026-09-02
    await advanceDays(t, 84, worker); // Monday 2026-05-25: the week ends 05-31, nothing due yet
    expect((await worker.getAs(CareHome, '/api/care/home')).mine!.reassessments).toEqual({ count: 0, items: [] });
    await advanceDays(t, 7, worker); // Monday 2026-06-01: due tomorrow
    const home = await worker.getAs(CareHome, '/api/care/home');
    expect(home.mine!.reassessments).toEqual({
      count: 1,
      items: [{ clientId: red.id, clientName: red.name, tier: 'red', dueOn: '2026-06-02' }],
    });
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${red.id}`)).reassessmentDue).toBe('2026-06-02');
  });

  it('shows a supervisor the approvals waiting on them and the team overdue', async () => {
    const { org, worker, workerId, supervisor } = await community();
    await redClientVisitedOn(worker, org.communityA, '2026-02-20'); // 2 days overdue
    const downgrade = await createClient(worker, org.communityA);
    await assess(worker, downgrade.id, 'red');
    expect((await assess(worker, downgrade.id, 'blue')).tierChange).toBe('pending_approval');
    await caseWithTasks(worker, org.communityA, [{ title: '每周提醒服药' }]); // plan waiting
    const closing = await caseWithTasks(worker, org.communityA, [{ title: '每周提醒服药' }], supervisor);
    expect((await worker.post(`/api/care/cases/${closing.caseId}/close`, { reason: '目标达成' })).statusCode).toBe(200);
    const exportRequest = { filter: { communityCode: org.communityA }, reason: '年度低保复核需要完整名单' };
    expect((await worker.post('/api/care/exports', exportRequest)).statusCode).toBe(200);
    expect((await supervisor.post('/api/care/exports', exportRequest)).statusCode).toBe(200); // their own: not theirs to decide

    const home = await supervisor.getAs(CareHome, '/api/care/home');
    expect(home.approvals).toEqual({ tierChanges: 1, casePlans: 1, caseClosures: 1, exports: 1 });
    const area = home.area!;
    expect(area.overdue).toEqual({ total: 1, d1to7: 1, d8to30: 0, over30: 0 });
    expect(area.byWorker).toEqual([expect.objectContaining({ key: workerId, total: 1 })]);
    // Active clients by tier: the overdue red, the red awaiting its downgrade, and the two cases' unassessed clients.
    expect(area.clientsByTier).toEqual({ red: 2, yellow: 0, blue: 0, none: 2 });
    expect(area.clients).toBe(4);
    // The worker decides nothing.
    expect((await worker.getAs(CareHome, '/api/care/home')).approvals).toBeNull();
  });

  it("shows an officer the area's headline figures from the dashboard's rollups, and nothing to visit", async () => {
    const { org, worker } = await community();
    const street = await signedIn(t, ['street_officer'], [org.streetA]);
    const otherStreet = await signedIn(t, ['street_officer'], [org.streetB]);
    await redClientVisitedOn(worker, org.communityA, '2026-02-20'); // overdue, and one visit done
    const blue = await createClient(worker, org.communityA);
    await assess(worker, blue.id, 'blue');
    await createClient(worker, org.communityA);
    // A street's figures on a Citus cluster are the rollups as of the last fold (migration 0041; the server folds
    // every 5 s): fold there first. One PostgreSQL and PGlite show the live figures without it.
    if (process.env.LINLI_TEST_CITUS === '1') await foldRollups(t.app.ctx.db);
    const home = await street.client.getAs(CareHome, '/api/care/home');
    expect(home.mine).toBeNull();
    expect(home.approvals).toEqual({ tierChanges: null, casePlans: null, caseClosures: null, exports: 0 });
    const queue = await street.client.getAs(OverdueQueue, '/api/care/overdue');
    const area = home.area!;
    expect(area.clientsByTier).toEqual({ red: 1, yellow: 0, blue: 1, none: 1 });
    expect(area.overdue.total).toBe(1);
    const done = queue.onTimeRateByTier.reduce((n, r) => n + r.done, 0);
    expect(done).toBe(1);
    expect(area.onTime).toEqual({ done, onTime: 1, rate: 1 });
    expect(area.onTimePeriod).toEqual(queue.onTimePeriod);
    // Another street's officer sees none of it.
    const elsewhere = (await otherStreet.client.getAs(CareHome, '/api/care/home')).area!;
    expect([elsewhere.clients, elsewhere.overdue.total, elsewhere.onTime.done]).toEqual([0, 0, 0]);
  });
});
