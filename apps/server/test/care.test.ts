import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients as clientsTable } from '../src/modules/care/clients/clients.tables';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { assess, createClient, makeIdNumber } from './factories/care';
import { createTestApp, TestClient, type TestApp } from './harness';

let t: TestApp;
let org: TestOrg;
let worker: TestClient;
let workerId: string;
let supervisor: TestClient;
let credentials: { worker: [string, string]; supervisor: [string, string] };

/** Moves the clock by whole days; sessions would idle out, so both users log in again. */
async function advanceDays(days: number) {
  t.clock.advance(days * 86_400_000);
  await worker.login(...credentials.worker);
  await supervisor.login(...credentials.supervisor);
}

async function login(roles: Parameters<typeof createUser>[1]['roles'], areas: string[]) {
  const user = await createUser(t.app.ctx, { roles, areas });
  const client = new TestClient(t.app);
  await client.login(user.username, user.password);
  return { client, id: user.id, credentials: [user.username, user.password] as [string, string] };
}

beforeAll(async () => {
  t = await createTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 }, '2026-03-02T01:00:00Z');
  org = await buildOrg(t.app.ctx);
  const w = await login(['community_worker'], [org.communityA]);
  const s = await login(['community_supervisor'], [org.communityA]);
  ({ client: worker, id: workerId } = w);
  supervisor = s.client;
  credentials = { worker: w.credentials, supervisor: s.credentials };
});
afterAll(() => t.close());

describe('clients', () => {
  it('derives sex and birth date from the ID, stores numbers encrypted and shows them masked', async () => {
    const idNumber = makeIdNumber('1938-11-05', 'female').replace('X', 'x');
    const res = await worker.post('/api/care/clients', {
      name: '阿依古丽·买买提', idNumber, phone: '13912345678', communityCode: org.communityA, gridCode: org.gridsA[0],
      categories: ['elderly_alone', 'dibao'], address: '洗面桥街 8 号 2 单元 301',
    });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({ name: '阿依古丽·买买提', sex: 'female', birthDate: '1938-11-05', phoneMasked: '139****5678', assigneeId: workerId });
    expect(detail.idNumberMasked).toMatch(/^510\*{14}[\dX]$/);
    expect(JSON.stringify(detail)).not.toContain(idNumber.toUpperCase());
    const [raw] = await t.app.ctx.db.select().from(clientsTable).where(eq(clientsTable.id, detail.id));
    expect(raw!.idNumberEnc).not.toContain(idNumber.slice(0, 10));
    expect(raw!.phoneEnc).not.toContain('13912345678');
  });

  it('round-trips rare characters from CJK extension B and the middle dot', async () => {
    const name = '𠀾𡈼·王';
    const created = await createClient(worker, org.communityA, { name, idNumber: undefined, birthDate: '1950-01-01' });
    expect((await worker.get(`/api/care/clients/${created.id}`)).json().name).toBe(name);
  });

  it('rejects a bad ID checksum and an ID that contradicts the given birth date', async () => {
    const good = makeIdNumber('1950-06-01');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await worker.post('/api/care/clients', { name: '张三', idNumber: bad, communityCode: org.communityA, categories: ['other'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('idNumber');
    const contradiction = await worker.post('/api/care/clients', { name: '张三', idNumber: good, birthDate: '1951-01-01', communityCode: org.communityA, categories: ['other'] });
    expect(contradiction.json().fields[0].path).toBe('birthDate');
  });

  it('searches by name, full pinyin, initials, exact ID number and phone', async () => {
    const idNumber = makeIdNumber('1940-02-02');
    const created = await createClient(worker, org.communityA, { name: '张三丰', idNumber, phone: '13700001111' });
    for (const q of ['三丰', 'zhangsanfeng', 'zsf', idNumber.toLowerCase(), '13700001111']) {
      const found = (await worker.get(`/api/care/clients?q=${encodeURIComponent(q)}`)).json().items.map((c: { id: string }) => c.id);
      expect(found, q).toContain(created.id);
    }
    expect((await worker.get('/api/care/clients?q=13700001112')).json().items).toHaveLength(0);
  });

  it('warns about duplicates by ID number, mobile, and pinyin + birth date in the community', async () => {
    const idNumber = makeIdNumber('1942-04-04');
    const first = await createClient(worker, org.communityA, { name: '李四', idNumber, phone: '13600002222' });
    const again = await worker.post('/api/care/clients', { name: '李肆', idNumber, communityCode: org.communityA, categories: ['other'] });
    expect([again.statusCode, again.json().code]).toEqual([409, 'care.duplicate_suspected']);
    expect(again.json().fields[0].message).toBe(`${first.id}:id_number+pinyin_birth_date:${org.communityA}:李四`);
    const check = (await worker.post('/api/care/clients/duplicates', { name: '李四', birthDate: '1942-04-04', phone: '13600002222', communityCode: org.communityA })).json();
    expect(check.duplicates[0]).toMatchObject({ clientId: first.id, matchedOn: ['phone', 'pinyin_birth_date'] });
  });

  it('reveals a full number only with a reason, and audits it', async () => {
    const idNumber = makeIdNumber('1939-09-09');
    const created = await createClient(worker, org.communityA, { idNumber });
    expect((await worker.post(`/api/care/clients/${created.id}/reveal`, { field: 'idNumber', reason: '' })).statusCode).toBe(400);
    const revealed = await worker.post(`/api/care/clients/${created.id}/reveal`, { field: 'idNumber', reason: '办理低保复核' });
    expect(revealed.json().value).toBe(idNumber);
    const grid = await login(['grid_worker'], [org.communityA]);
    expect((await grid.client.post(`/api/care/clients/${created.id}/reveal`, { field: 'idNumber', reason: '核对' })).statusCode).toBe(403);
  });

  it('restricts minors to their assigned worker and supervisors', async () => {
    const child = await createClient(worker, org.communityA, { idNumber: makeIdNumber('2016-05-05'), categories: ['child_in_difficulty'] });
    expect((await worker.get(`/api/care/clients/${child.id}`)).json().isMinor).toBe(true);
    expect((await supervisor.get(`/api/care/clients/${child.id}`)).statusCode).toBe(200);
    const colleague = await login(['community_worker'], [org.communityA]);
    expect((await colleague.client.get(`/api/care/clients/${child.id}`)).statusCode).toBe(404);
    const list = (await colleague.client.get('/api/care/clients?pageSize=100')).json().items.map((c: { id: string }) => c.id);
    expect(list).not.toContain(child.id);
  });
});

describe('assessment → tier → visits', () => {
  it('suggests a tier, needs a reason to override, and books the first visit by the cadence', async () => {
    const c = await createClient(worker, org.communityA);
    const noReason = await worker.post(`/api/care/clients/${c.id}/assessments`, { scores: { health: { score: 3 } }, tier: 'yellow' });
    expect(noReason.json().code).toBe('care.override_reason_required');
    const result = await assess(worker, c.id, 'red');
    expect(result).toMatchObject({ suggestedTier: 'red', tier: 'red', tierChange: 'applied', nextVisitDue: '2026-03-09' });
    expect((await worker.get(`/api/care/clients/${c.id}`)).json().reassessmentDue).toBe('2026-06-02');
    const listed = (await worker.get('/api/care/clients?tier=red&pageSize=100')).json().items.find((i: { id: string }) => i.id === c.id);
    expect(listed).toMatchObject({ tier: 'red', nextVisitDue: '2026-03-09', overdueDays: null });
  });

  it('leaving red needs a supervisor, who approves from the queue; visits are re-planned', async () => {
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    const down = await assess(worker, c.id, 'blue');
    expect(down.tierChange).toBe('pending_approval');
    expect((await worker.get(`/api/care/clients/${c.id}`)).json().tier).toBe('red');
    expect((await worker.get('/api/care/tier-approvals')).statusCode).toBe(403);
    const queue = (await supervisor.get('/api/care/tier-approvals')).json().items;
    const item = queue.find((i: { clientId: string }) => i.clientId === c.id);
    expect(item).toMatchObject({ fromTier: 'red', toTier: 'blue' });
    expect((await supervisor.post(`/api/care/tier-approvals/${item.id}`, { approve: true })).statusCode).toBe(200);
    const after = (await worker.get(`/api/care/clients/${c.id}`)).json();
    expect(after.tier).toBe('blue');
    expect(after.nextVisitDue).toBe('2027-03-02');
    expect(after.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['assessment', 'tier_change', 'created']));
  });

  it('records a visit from the worklist and books the next one; late visits can still be recorded', async () => {
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    await advanceDays(8); // 2026-03-10: due 03-09, window to 03-10
    let list = (await worker.get('/api/care/worklist')).json();
    const visit = list.dueToday.find((v: { clientId: string }) => v.clientId === c.id);
    expect(visit).toBeTruthy();
    await advanceDays(5); // 2026-03-15: now overdue
    list = (await worker.get('/api/care/worklist')).json();
    expect(list.overdue.find((v: { id: string }) => v.id === visit.id).overdueDays).toBe(5);
    const recorded = await worker.post(`/api/care/visits/${visit.id}/record`, { outcome: 'done', mode: 'home', visitedOn: '2026-03-15', notes: '身体状况稳定' });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().visit.status).toBe('done');
    expect(recorded.json().nextVisit).toMatchObject({ dueDate: '2026-03-22', status: 'planned' });
    const twice = await worker.post(`/api/care/visits/${visit.id}/record`, { outcome: 'done', mode: 'home', visitedOn: '2026-03-15' });
    expect(twice.json().code).toBe('care.visit_not_open');
  });

  it('a household visit counts for every member seen', async () => {
    const household = (await worker.post('/api/care/households', { communityCode: org.communityA, address: '洗面桥街 9 号 1 单元 101' })).json();
    const husband = await createClient(worker, org.communityA);
    const wife = await createClient(worker, org.communityA);
    for (const c of [husband, wife]) {
      await assess(worker, c.id, 'red');
      const version = (await worker.get(`/api/care/clients/${c.id}`)).json().version;
      expect((await worker.patch(`/api/care/clients/${c.id}`, { version, householdId: household.id })).statusCode).toBe(200);
    }
    const members = (await worker.get(`/api/care/households/${household.id}`)).json().members;
    expect(members.map((m: { id: string }) => m.id).sort()).toEqual([husband.id, wife.id].sort());
    await advanceDays(7);
    const list = (await worker.get('/api/care/worklist')).json();
    const visit = list.dueToday.find((v: { clientId: string }) => v.clientId === husband.id);
    const stranger = await createClient(worker, org.communityA);
    const wrong = await worker.post(`/api/care/visits/${visit.id}/record`, { outcome: 'done', mode: 'home', visitedOn: visit.dueDate, membersSeen: [stranger.id] });
    expect(wrong.json().fields[0].path).toBe('membersSeen');
    const recorded = (await worker.post(`/api/care/visits/${visit.id}/record`, { outcome: 'done', mode: 'home', visitedOn: visit.dueDate, membersSeen: [wife.id] })).json();
    expect(recorded.membersRecorded).toBe(1);
    const wifeDetail = (await worker.get(`/api/care/clients/${wife.id}`)).json();
    expect(wifeDetail.nextVisitDue).toBe(recorded.nextVisit.dueDate);
    expect(wifeDetail.timeline.some((e: { kind: string; summary: string }) => e.kind === 'visit')).toBe(true);
  });

  it('"could not visit" keeps the obligation with a reason', async () => {
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    await advanceDays(7);
    const visit = (await worker.get('/api/care/worklist')).json().dueToday.find((v: { clientId: string }) => v.clientId === c.id);
    const missing = await worker.post(`/api/care/visits/${visit.id}/record`, { outcome: 'missed', mode: 'home', visitedOn: visit.dueDate });
    expect(missing.statusCode).toBe(400);
    const missed = (await worker.post(`/api/care/visits/${visit.id}/record`, { outcome: 'missed', mode: 'home', visitedOn: visit.dueDate, missedReason: 'hospitalised' })).json();
    expect(missed.visit).toMatchObject({ status: 'missed', missedReason: 'hospitalised' });
    expect(missed.nextVisit).toMatchObject({ status: 'planned', dueDate: visit.dueDate });
  });

  it('shows supervisors the overdue queue in ageing buckets and the on-time rate', async () => {
    const c = await createClient(worker, org.communityA, { gridCode: org.gridsA[1] });
    await assess(worker, c.id, 'red');
    await advanceDays(20);
    const queue = (await supervisor.get('/api/care/overdue')).json();
    const mine = queue.byWorker.find((b: { key: string }) => b.key === workerId);
    expect(mine.total).toBeGreaterThanOrEqual(1);
    expect(mine.d8to30 + mine.d1to7 + mine.over30).toBe(mine.total);
    expect(queue.byGrid.find((b: { key: string }) => b.key === org.gridsA[1])).toMatchObject({ total: 1, label: '二号网格' });
    const overdueList = (await supervisor.get('/api/care/clients?overdue=true&pageSize=100')).json().items.map((i: { id: string }) => i.id);
    expect(overdueList).toContain(c.id);
    expect(queue.onTimeRateByTier.map((r: { tier: string }) => r.tier)).toEqual(['red', 'yellow', 'blue']);
    expect((await worker.get('/api/care/overdue')).statusCode).toBe(403);
    const escalated = (await supervisor.get('/api/care/escalations')).json().items;
    // Due 7 days after the assessment, window closed a day later: 12 days overdue → past the supervisor's 3, not the street's 14.
    expect(escalated.find((e: { visit: { clientId: string } }) => e.visit.clientId === c.id)).toMatchObject({ level: 'supervisor' });
    const streetIds = async () => {
      const street = await login(['street_officer'], [org.streetA]);
      const items = (await street.client.get('/api/care/escalations')).json().items as { level: string; visit: { clientId: string } }[];
      expect(items.every((e) => e.level === 'street')).toBe(true);
      return items.map((e) => e.visit.clientId);
    };
    expect(await streetIds()).not.toContain(c.id);
    await advanceDays(2);
    expect(await streetIds()).toContain(c.id);
  });
});
