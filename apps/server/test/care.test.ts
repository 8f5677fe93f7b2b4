import {
  ClientDetail,
  ClientList,
  DuplicateWarnings,
  EscalationList,
  Household,
  Ok,
  OverdueQueue,
  RecordVisitResult,
  RevealResult,
  TierApprovalList,
  Worklist,
} from '@linli/contracts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients as clientsTable } from '../src/modules/care/clients/clients.tables';
import { buildOrg } from './factories/org';
import { assess, createClient, makeIdNumber } from './factories/care';
import { advanceDays, expectError, signedIn, useTestApp } from './harness';

// Every test starts at 2026-03-02 09:00 (China), in a district of its own, with its own worker and supervisor.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  return { org, worker: worker.client, workerId: worker.id, supervisor: supervisor.client };
}

describe('clients', () => {
  it('derives sex and birth date from the ID, stores numbers encrypted and shows them masked', async () => {
    const { org, worker, workerId } = await community();
    const idNumber = makeIdNumber('1938-11-05', 'female').replace('X', 'x');
    const detail = await worker.postAs(ClientDetail, '/api/care/clients', {
      name: '阿依古丽·买买提',
      idNumber,
      phone: '13912345678',
      communityCode: org.communityA,
      gridCode: org.gridsA[0],
      categories: ['elderly_alone', 'dibao'],
      address: '洗面桥街 8 号 2 单元 301',
    });
    expect(detail).toMatchObject({
      name: '阿依古丽·买买提',
      sex: 'female',
      birthDate: '1938-11-05',
      phoneMasked: '139****5678',
      assigneeId: workerId,
    });
    expect(detail.idNumberMasked).toMatch(/^510\*{14}[\dX]$/);
    expect(JSON.stringify(detail)).not.toContain(idNumber.toUpperCase());
    const [raw] = await t.app.ctx.db.select().from(clientsTable).where(eq(clientsTable.id, detail.id));
    expect(raw!.idNumberEnc).not.toContain(idNumber.slice(0, 10));
    expect(raw!.phoneEnc).not.toContain('13912345678');
  });

  it('round-trips rare characters from CJK extension B and the middle dot', async () => {
    const { org, worker } = await community();
    const name = '𠀾𡈼·王';
    const created = await createClient(worker, org.communityA, { name, idNumber: undefined, birthDate: '1950-01-01' });
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${created.id}`)).name).toBe(name);
  });

  it('rejects a bad ID checksum and an ID that contradicts the given birth date', async () => {
    const { org, worker } = await community();
    const good = makeIdNumber('1950-06-01');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await worker.post('/api/care/clients', {
      name: '张三',
      idNumber: bad,
      communityCode: org.communityA,
      categories: ['other'],
    });
    expect(expectError(res, 400).fields![0]!.path).toBe('idNumber');
    const contradiction = await worker.post('/api/care/clients', {
      name: '张三',
      idNumber: good,
      birthDate: '1951-01-01',
      communityCode: org.communityA,
      categories: ['other'],
    });
    expect(expectError(contradiction, 400).fields![0]!.path).toBe('birthDate');
  });

  it('searches by name, full pinyin, initials, exact ID number and phone', async () => {
    const { org, worker } = await community();
    const idNumber = makeIdNumber('1940-02-02');
    const created = await createClient(worker, org.communityA, { name: '张三丰', idNumber, phone: '13700001111' });
    await createClient(worker, org.communityA, { name: '李四', phone: '13700002222' });
    for (const q of ['三丰', 'zhangsanfeng', 'zsf', idNumber.toLowerCase(), '13700001111']) {
      const found = (await worker.getAs(ClientList, `/api/care/clients?q=${encodeURIComponent(q)}`)).items.map(
        (c) => c.id,
      );
      expect(found, q).toEqual([created.id]);
    }
    expect((await worker.getAs(ClientList, '/api/care/clients?q=13700001112')).items).toEqual([]);
  });

  it('warns about duplicates by ID number, mobile, and pinyin + birth date in the community', async () => {
    const { org, worker } = await community();
    const idNumber = makeIdNumber('1942-04-04');
    const first = await createClient(worker, org.communityA, { name: '李四', idNumber, phone: '13600002222' });
    const again = await worker.post('/api/care/clients', {
      name: '李肆',
      idNumber,
      communityCode: org.communityA,
      categories: ['other'],
    });
    expectError(again, 409, 'care.duplicate_suspected');
    expect(again.json().fields[0]).toMatchObject({
      code: 'care.duplicate_candidate',
      params: {
        clientId: first.id,
        matchedOn: 'id_number+pinyin_birth_date',
        communityCode: org.communityA,
        name: '李四',
      },
    });
    const check = await worker.postAs(DuplicateWarnings, '/api/care/clients/duplicates', {
      name: '李四',
      birthDate: '1942-04-04',
      phone: '13600002222',
      communityCode: org.communityA,
    });
    expect(check).toEqual({
      duplicates: [
        { clientId: first.id, name: '李四', communityCode: org.communityA, matchedOn: ['phone', 'pinyin_birth_date'] },
      ],
      elsewhere: false,
    });
  });

  it('reveals a full number only with a reason, and audits it', async () => {
    const { org, worker } = await community();
    const idNumber = makeIdNumber('1939-09-09');
    const created = await createClient(worker, org.communityA, { idNumber });
    expectError(await worker.post(`/api/care/clients/${created.id}/reveal`, { field: 'idNumber', reason: '' }), 400);
    const revealed = await worker.postAs(RevealResult, `/api/care/clients/${created.id}/reveal`, {
      field: 'idNumber',
      reason: '办理低保复核',
    });
    expect(revealed).toEqual({ field: 'idNumber', value: idNumber });
    const grid = await signedIn(t, ['grid_worker'], [org.communityA]);
    expectError(
      await grid.client.post(`/api/care/clients/${created.id}/reveal`, { field: 'idNumber', reason: '核对' }),
      403,
    );
  });

  it('restricts minors to their assigned worker and supervisors', async () => {
    const { org, worker, supervisor } = await community();
    const child = await createClient(worker, org.communityA, {
      idNumber: makeIdNumber('2016-05-05'),
      categories: ['child_in_difficulty'],
    });
    const adult = await createClient(worker, org.communityA);
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${child.id}`)).isMinor).toBe(true);
    expect((await supervisor.getAs(ClientDetail, `/api/care/clients/${child.id}`)).id).toBe(child.id);
    const colleague = await signedIn(t, ['community_worker'], [org.communityA]);
    expectError(await colleague.client.get(`/api/care/clients/${child.id}`), 404);
    const list = (await colleague.client.getAs(ClientList, '/api/care/clients?pageSize=100')).items.map((c) => c.id);
    expect(list).toEqual([adult.id]);
  });
});

describe('assessment → tier → visits', () => {
  it('suggests a tier, needs a reason to override, and books the first visit by the cadence', async () => {
    const { org, worker } = await community();
    const c = await createClient(worker, org.communityA);
    const noReason = await worker.post(`/api/care/clients/${c.id}/assessments`, {
      scores: { health: { score: 3 } },
      tier: 'yellow',
    });
    expectError(noReason, 400, 'care.override_reason_required');
    const result = await assess(worker, c.id, 'red');
    expect(result).toMatchObject({
      suggestedTier: 'red',
      tier: 'red',
      tierChange: 'applied',
      nextVisitDue: '2026-03-09',
    });
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`)).reassessmentDue).toBe('2026-06-02');
    const listed = await worker.getAs(ClientList, '/api/care/clients?tier=red&pageSize=100');
    expect(listed.items).toEqual([
      expect.objectContaining({ id: c.id, tier: 'red', nextVisitDue: '2026-03-09', overdueDays: null }),
    ]);
  });

  it('leaving red needs a supervisor, who approves from the queue; visits are re-planned', async () => {
    const { org, worker, supervisor } = await community();
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    const down = await assess(worker, c.id, 'blue');
    expect(down.tierChange).toBe('pending_approval');
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`)).tier).toBe('red');
    expectError(await worker.get('/api/care/tier-approvals'), 403);
    const queue = (await supervisor.getAs(TierApprovalList, '/api/care/tier-approvals')).items;
    expect(queue).toEqual([expect.objectContaining({ clientId: c.id, fromTier: 'red', toTier: 'blue' })]);
    expect(await supervisor.postAs(Ok, `/api/care/tier-approvals/${queue[0]!.id}`, { approve: true })).toEqual({
      ok: true,
    });
    const after = await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`);
    expect(after.tier).toBe('blue');
    expect(after.nextVisitDue).toBe('2027-03-02');
    expect(after.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['assessment', 'tier_change', 'created']));
  });

  it('records a visit from the worklist and books the next one; late visits can still be recorded', async () => {
    const { org, worker } = await community();
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    await advanceDays(t, 8, worker); // 2026-03-10: due 03-09, window to 03-10
    let list = await worker.getAs(Worklist, '/api/care/worklist');
    expect(list).toMatchObject({ today: '2026-03-10', overdue: [], thisWeek: [] });
    expect(list.dueToday).toEqual([
      expect.objectContaining({ clientId: c.id, dueDate: '2026-03-09', windowEnd: '2026-03-10' }),
    ]);
    const visit = list.dueToday[0]!;
    await advanceDays(t, 5, worker); // 2026-03-15: now overdue
    list = await worker.getAs(Worklist, '/api/care/worklist');
    expect(list.overdue).toEqual([expect.objectContaining({ id: visit.id, overdueDays: 5 })]);
    const recorded = await worker.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: '2026-03-15',
      notes: '身体状况稳定',
    });
    expect(recorded.visit.status).toBe('done');
    expect(recorded.nextVisit).toMatchObject({ dueDate: '2026-03-22', status: 'planned' });
    const twice = await worker.post(`/api/care/visits/${visit.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: '2026-03-15',
    });
    expectError(twice, 409, 'care.visit_not_open');
  });

  it('a household visit counts for every member seen', async () => {
    const { org, worker } = await community();
    const household = await worker.postAs(Household, '/api/care/households', {
      communityCode: org.communityA,
      address: '洗面桥街 9 号 1 单元 101',
    });
    const husband = await createClient(worker, org.communityA);
    const wife = await createClient(worker, org.communityA);
    for (const c of [husband, wife]) {
      await assess(worker, c.id, 'red');
      const { version } = await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`);
      await worker.patchAs(ClientDetail, `/api/care/clients/${c.id}`, { version, householdId: household.id });
    }
    const members = (await worker.getAs(Household, `/api/care/households/${household.id}`)).members;
    expect(members.map((m) => m.id).sort()).toEqual([husband.id, wife.id].sort());
    await advanceDays(t, 7, worker); // 2026-03-09: both red visits are due today
    const list = await worker.getAs(Worklist, '/api/care/worklist');
    expect(list.dueToday.map((v) => v.clientId).sort()).toEqual([husband.id, wife.id].sort());
    const visit = list.dueToday.find((v) => v.clientId === husband.id)!;
    const stranger = await createClient(worker, org.communityA);
    const wrong = await worker.post(`/api/care/visits/${visit.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: visit.dueDate,
      membersSeen: [stranger.id],
    });
    expect(expectError(wrong, 400).fields![0]!.path).toBe('membersSeen');
    const recorded = await worker.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: visit.dueDate,
      membersSeen: [wife.id],
    });
    expect(recorded.membersRecorded).toBe(1);
    expect(recorded.nextVisit?.dueDate).toBe('2026-03-16');
    const wifeDetail = await worker.getAs(ClientDetail, `/api/care/clients/${wife.id}`);
    expect(wifeDetail.nextVisitDue).toBe('2026-03-16');
    expect(wifeDetail.timeline.filter((e) => e.kind === 'visit')).toHaveLength(1);
    expect((await worker.getAs(Worklist, '/api/care/worklist')).dueToday).toEqual([]);
  });

  it('"could not visit" keeps the obligation with a reason', async () => {
    const { org, worker } = await community();
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    await advanceDays(t, 7, worker);
    const visit = (await worker.getAs(Worklist, '/api/care/worklist')).dueToday.find((v) => v.clientId === c.id)!;
    expect(visit.dueDate).toBe('2026-03-09');
    const missing = await worker.post(`/api/care/visits/${visit.id}/record`, {
      outcome: 'missed',
      mode: 'home',
      visitedOn: visit.dueDate,
    });
    expectError(missing, 400);
    const missed = await worker.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, {
      outcome: 'missed',
      mode: 'home',
      visitedOn: visit.dueDate,
      missedReason: 'hospitalised',
    });
    expect(missed.visit).toMatchObject({ status: 'missed', missedReason: 'hospitalised' });
    expect(missed.nextVisit).toMatchObject({ status: 'planned', dueDate: '2026-03-09' });
  });

  it('shows supervisors the overdue queue in ageing buckets and the on-time rate', async () => {
    const { org, worker, workerId, supervisor } = await community();
    const c = await createClient(worker, org.communityA, { gridCode: org.gridsA[1] });
    await assess(worker, c.id, 'red');
    await advanceDays(t, 20, worker, supervisor); // 2026-03-22: due 03-09, window closed 03-10, 12 days overdue
    const queue = await supervisor.getAs(OverdueQueue, '/api/care/overdue');
    const bucket = { d1to7: 0, d8to30: 1, over30: 0, total: 1 };
    expect(queue.byWorker).toEqual([expect.objectContaining({ key: workerId, ...bucket })]);
    expect(queue.byGrid).toEqual([{ key: org.gridsA[1], label: '二号网格', ...bucket }]);
    expect(queue.byCommunity).toEqual([{ key: org.communityA, label: '一号社区', ...bucket }]);
    const overdueList = await supervisor.getAs(ClientList, '/api/care/clients?overdue=true&pageSize=100');
    expect(overdueList.items.map((i) => i.id)).toEqual([c.id]);
    // Nothing was done yet in the period: every tier is listed, with no rate.
    expect(queue.onTimeRateByTier).toEqual(
      ['red', 'yellow', 'blue'].map((tier) => ({ tier, done: 0, onTime: 0, rate: null })),
    );
    expect(queue.onTimePeriod).toEqual({ from: '2026-01-01', until: '2026-04-01' });
    expectError(await worker.get('/api/care/overdue'), 403);
    const escalated = (await supervisor.getAs(EscalationList, '/api/care/escalations')).items;
    // 12 days overdue → past the supervisor's 3, not the street's 14.
    expect(escalated).toEqual([{ level: 'supervisor', visit: expect.objectContaining({ clientId: c.id }) }]);
    const streetIds = async () => {
      const street = await signedIn(t, ['street_officer'], [org.streetA]);
      const items = (await street.client.getAs(EscalationList, '/api/care/escalations')).items;
      expect(items.every((e) => e.level === 'street')).toBe(true);
      return items.map((e) => e.visit.clientId);
    };
    expect(await streetIds()).toEqual([]);
    await advanceDays(t, 2, worker, supervisor); // 14 days overdue
    expect(await streetIds()).toEqual([c.id]);
  });

  it('lists only the worst groups with ?top, with the number of groups and the whole sums beside them', async () => {
    const { org, worker, supervisor } = await community();
    // Two grids overdue: one client 12 days (grid 1), two clients 12 days (grid 2).
    for (const grid of [org.gridsA[0], org.gridsA[1], org.gridsA[1]]) {
      const c = await createClient(worker, org.communityA, { gridCode: grid });
      await assess(worker, c.id, 'red');
    }
    await advanceDays(t, 20, worker, supervisor);
    const all = await supervisor.getAs(OverdueQueue, '/api/care/overdue');
    expect(all.byGrid.map((b) => [b.key, b.total])).toEqual([
      [org.gridsA[1], 2],
      [org.gridsA[0], 1],
    ]);
    expect(all.groups).toEqual({ byWorker: 1, byGrid: 2, byCommunity: 1 });
    expect(all.overdue).toEqual({ d1to7: 0, d8to30: 3, over30: 0, total: 3 });
    const top = await supervisor.getAs(OverdueQueue, '/api/care/overdue?top=1');
    expect(top.byGrid.map((b) => [b.key, b.total])).toEqual([[org.gridsA[1], 2]]);
    expect(top.groups).toEqual(all.groups);
    expect(top.overdue).toEqual(all.overdue);
    expectError(await supervisor.get('/api/care/overdue?top=0'), 400);
    expectError(await supervisor.get('/api/care/overdue?top=1001'), 400);
  });
});
