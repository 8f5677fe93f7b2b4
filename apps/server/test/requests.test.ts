import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  RequestContact,
  RequestDetail,
  RequestDuplicates,
  RequestIntakeResult,
  RequestList,
  RequestStepResult,
  ResidentRequest,
  ResidentRequestList,
} from '@linli/contracts/modules/requests';
import { notifications } from '../src/modules/notifications/notifications.tables';
import { runBreachEscalations, runCloseUnrated, runReminders } from '../src/modules/requests/requests.jobs';
import { createClient } from './factories/care';
import { buildOrg } from './factories/org';
import { createCategory, districtOfficer, insertPlace, partnerMember, uploadPhoto } from './factories/requests';
import { seedDemo } from '../src/db/seed/demo';
import { type TestClient, createTestApp, expectError, signedIn, useTestApp } from './harness';

const t = useTestApp({
  loginLimitPerIp: 10_000,
  loginLimitPerUser: 10_000,
  dataDir: mkdtempSync(path.join(tmpdir(), 'linli-requests-')),
});
const DAY_MS = 86_400_000;

/** A district of its own with a category, the community's staff, a street officer and a resident of community A. */
async function world(options: { resolveWorkingDays?: number } = {}) {
  const org = await buildOrg(t.app.ctx);
  const category = await createCategory(await districtOfficer(t.app, org.district), org.district, options);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  const street = await signedIn(t, ['street_officer'], [org.streetA]);
  const resident = await signedIn(t, ['resident'], [org.communityA]);
  return { org, category, worker, supervisor, street, resident };
}

type World = Awaited<ReturnType<typeof world>>;

async function fileAsResident(w: World, extra: Record<string, unknown> = {}) {
  return w.resident.client.postAs(RequestIntakeResult, '/api/m/requests', {
    categoryId: w.category.id,
    attributes: { floor: 'high' },
    description: '3号楼楼道灯坏了一周，晚上看不见台阶',
    ...extra,
  });
}

const step = (client: TestClient, id: string, name: string, body: unknown = {}) =>
  client.postAs(RequestStepResult, `/api/requests/${id}/${name}`, body);

/** Moves the clock and signs the clients in again (sessions time out). */
async function later(ms: number, ...clients: TestClient[]) {
  t.clock.advance(ms);
  for (const c of clients) await c.relogin();
}

async function inbox(userId: string, event: string, objectId: string): Promise<number> {
  const rows = await t.app.ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.event, event), eq(notifications.objectId, objectId)));
  return rows.length;
}

/** Routed to the community and signed: a request in progress at the community. */
async function inProgress(w: World) {
  const filed = await fileAsResident(w);
  await step(w.worker.client, filed.id, 'route');
  await step(w.worker.client, filed.id, 'sign');
  return filed;
}

async function resolved(w: World) {
  const filed = await inProgress(w);
  await step(w.worker.client, filed.id, 'resolve', { reply: '已更换灯泡' });
  return filed;
}

describe('requests: the whole workflow', () => {
  it('a resident files with a photo at a building; triage routes; the unit signs, notes, resolves; the resident rates', async () => {
    const w = await world();
    const place = await insertPlace(t.app.ctx, w.org.communityA, { lat: 30.65, long: 104.06 });
    const photo = await uploadPhoto(w.resident.client);
    const filed = await fileAsResident(w, { placeId: place, photoUploadIds: [photo] });
    expect(filed).toMatchObject({ status: 'submitted', dueAt: null });
    expect(filed.number).toMatch(/^SQ20260302\d{4}$/);

    // Staff see it masked; the worker may triage it; the supervisor reveals the contact (audited).
    const detail = await w.worker.client.getAs(RequestDetail, `/api/requests/${filed.id}`);
    expect(detail).toMatchObject({ status: 'submitted', channel: 'resident_app', place: { id: place, name: '3号楼' } });
    expect(detail.requester.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(detail.allowedActions).toEqual(['triage', 'route', 'merge', 'reject']);
    expect(detail.photos).toHaveLength(1);
    expectError(await w.worker.client.post(`/api/requests/${filed.id}/contact/reveal`), 403);
    const contact = await w.supervisor.client.postAs(RequestContact, `/api/requests/${filed.id}/contact/reveal`);
    expect(contact.name).toMatch(/^测试用户/);
    const bytes = await w.worker.client.get(`/api/requests/photos/${detail.photos[0]!.id}`);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');

    await step(w.worker.client, filed.id, 'triage', { urgency: 'urgent', publicText: '3号楼楼道灯不亮' });
    await step(w.worker.client, filed.id, 'route');
    const routed = await w.worker.client.getAs(RequestDetail, `/api/requests/${filed.id}`);
    // Monday 09:00 in China: sign by the end of Tuesday, resolve by the end of Thursday (1 and 3 working days).
    expect(routed).toMatchObject({
      status: 'assigned',
      urgency: 'urgent',
      publicText: '3号楼楼道灯不亮',
      unit: { kind: 'community', areaCode: w.org.communityA, label: '一号社区' },
      signDueAt: '2026-03-03T15:59:59.999Z',
      dueAt: '2026-03-05T15:59:59.999Z',
    });
    expect(await inbox(w.worker.id, 'request.assigned', filed.id)).toBe(1);
    const queue = await w.worker.client.getAs(RequestList, '/api/requests/queue');
    expect(queue.items.map((r) => r.id)).toEqual([filed.id]);

    await step(w.worker.client, filed.id, 'sign');
    const notePhoto = await uploadPhoto(w.worker.client);
    await step(w.worker.client, filed.id, 'notes', { note: '已联系物业', photoUploadIds: [notePhoto] });
    await step(w.worker.client, filed.id, 'resolve', { reply: '已更换灯泡，请确认' });
    expect(await inbox(w.resident.id, 'request.resolved', filed.id)).toBe(1);

    const mine = await w.resident.client.getAs(ResidentRequest, `/api/m/requests/${filed.id}`);
    expect(mine).toMatchObject({ status: 'resolved', reply: '已更换灯泡，请确认', canRate: true });
    expect(mine.photos).toHaveLength(1); // the unit's handling photo is not shown to the resident
    const rated = await w.resident.client.postAs(ResidentRequest, `/api/m/requests/${filed.id}/rating`, {
      rating: 'satisfied',
      comment: '很快',
    });
    expect(rated).toMatchObject({ status: 'closed', rating: 'satisfied', canRate: false });
    const history = await w.worker.client.getAs(RequestDetail, `/api/requests/${filed.id}`);
    expect(history.events.map((e) => e.kind)).toEqual([
      'created',
      'triaged',
      'routed',
      'signed',
      'note',
      'resolved',
      'rated',
    ]);
    expect(history.events[4]!.photoIds).toHaveLength(1);
    const list = await w.resident.client.getAs(ResidentRequestList, '/api/m/requests');
    expect(list.items.map((r) => r.id)).toEqual([filed.id]);
  });

  it('不满意 reopens once to the same unit; a second 不满意 closes and escalates to the street', async () => {
    const w = await world();
    const filed = await resolved(w);
    await later(DAY_MS, w.resident.client, w.worker.client, w.street.client);
    const first = await w.resident.client.postAs(ResidentRequest, `/api/m/requests/${filed.id}/rating`, {
      rating: 'dissatisfied',
      comment: '灯还是不亮',
    });
    expect(first).toMatchObject({ status: 'assigned', rating: null });
    const reopened = await w.worker.client.getAs(RequestDetail, `/api/requests/${filed.id}`);
    expect(reopened).toMatchObject({ reopenCount: 1, unit: { kind: 'community', areaCode: w.org.communityA } });
    expect(await inbox(w.worker.id, 'request.reopened', filed.id)).toBe(1);

    await step(w.worker.client, filed.id, 'sign');
    await step(w.worker.client, filed.id, 'resolve', { reply: '已更换线路' });
    const second = await w.resident.client.postAs(ResidentRequest, `/api/m/requests/${filed.id}/rating`, {
      rating: 'dissatisfied',
    });
    expect(second).toMatchObject({ status: 'closed', rating: 'dissatisfied' });
    const closed = await w.worker.client.getAs(RequestDetail, `/api/requests/${filed.id}`);
    expect(closed.escalatedAt).not.toBeNull();
    expect(await inbox(w.street.id, 'request.escalated', filed.id)).toBe(1);
  });

  it('no rating within 7 days closes as 未评价 (unrated), never satisfied; rating after that is refused', async () => {
    const w = await world();
    const filed = await resolved(w);
    await later(6 * DAY_MS, w.worker.client);
    await runCloseUnrated(t.app.ctx);
    expect((await w.worker.client.getAs(RequestDetail, `/api/requests/${filed.id}`)).status).toBe('resolved');
    await later(DAY_MS + 60_000, w.resident.client, w.worker.client);
    expectError(
      await w.resident.client.post(`/api/m/requests/${filed.id}/rating`, { rating: 'satisfied' }),
      409,
      'requests.rating_closed',
    );
    expect(await runCloseUnrated(t.app.ctx)).toBeGreaterThanOrEqual(1); // other tests' rows may close too
    const closed = await w.worker.client.getAs(RequestDetail, `/api/requests/${filed.id}`);
    expect(closed).toMatchObject({ status: 'closed', rating: 'unrated' });
  });

  it('reminds the unit before each deadline once, and escalates a breach to the street once', async () => {
    const w = await world({ resolveWorkingDays: 1 });
    const filed = await fileAsResident(w);
    await step(w.worker.client, filed.id, 'route');
    // Tuesday 20:00 in China: 4 hours before both deadlines (the end of Tuesday).
    t.clock.set(new Date('2026-03-03T12:00:00Z'));
    await runReminders(t.app.ctx);
    await runReminders(t.app.ctx);
    const reminders = await t.app.ctx.db
      .select({ params: notifications.params })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, w.worker.id),
          eq(notifications.event, 'request.reminder'),
          eq(notifications.objectId, filed.id),
        ),
      );
    expect(reminders.map((r) => (r.params as { deadline: string }).deadline).sort()).toEqual(['due', 'sign']);
    t.clock.set(new Date('2026-03-04T01:00:00Z'));
    await runBreachEscalations(t.app.ctx);
    await runBreachEscalations(t.app.ctx);
    expect(await inbox(w.street.id, 'request.escalated', filed.id)).toBe(1);
    await w.worker.client.relogin();
    const late = await w.worker.client.getAs(
      RequestList,
      `/api/requests?overdue=true&communityCode=${w.org.communityA}`,
    );
    expect(late.items.map((r) => r.id)).toEqual([filed.id]);
  });
});

describe('requests: triage', () => {
  it('rejects with a reason the resident sees; merges a duplicate suggested nearby', async () => {
    const w = await world();
    const place = await insertPlace(t.app.ctx, w.org.communityA);
    const first = await fileAsResident(w, { placeId: place });
    const second = await fileAsResident(w, { placeId: place });
    const other = await fileAsResident(w);
    const dupes = await w.worker.client.getAs(RequestDuplicates, `/api/requests/${second.id}/duplicates`);
    expect(dupes.items.map((r) => r.id)).toEqual([first.id]);
    await step(w.worker.client, second.id, 'merge', { intoId: first.id });
    expect((await w.worker.client.getAs(RequestDetail, `/api/requests/${second.id}`)).mergedIntoId).toBe(first.id);
    await step(w.worker.client, other.id, 'reject', { reason: '不属于社区受理范围，请拨打 12345' });
    const seen = await w.resident.client.getAs(ResidentRequest, `/api/m/requests/${other.id}`);
    expect(seen).toMatchObject({ status: 'rejected', rejectReason: '不属于社区受理范围，请拨打 12345' });
    expect(await inbox(w.resident.id, 'request.rejected', other.id)).toBe(1);
    expectError(await w.worker.client.post(`/api/requests/${other.id}/route`, {}), 409, 'requests.invalid_state');
  });

  it('transfer restarts the sign clock and keeps the deadline; the new unit is told', async () => {
    const w = await world();
    const filed = await inProgress(w);
    const before = await w.worker.client.getAs(RequestDetail, `/api/requests/${filed.id}`);
    await later(DAY_MS, w.worker.client, w.street.client);
    await step(w.worker.client, filed.id, 'transfer', {
      unit: { kind: 'street_department', departmentName: '城管科' },
      reason: '需要街道城管处理',
    });
    const after = await w.street.client.getAs(RequestDetail, `/api/requests/${filed.id}`);
    expect(after).toMatchObject({
      status: 'assigned',
      dueAt: before.dueAt,
      unit: { kind: 'street_department', areaCode: w.org.streetA, label: '甲街道城管科' },
      allowedActions: expect.arrayContaining(['sign']),
    });
    expect(after.signDueAt! > before.signDueAt!).toBe(true);
    expect(await inbox(w.street.id, 'request.assigned', filed.id)).toBe(1);
    // The community no longer acts for it.
    expectError(await w.worker.client.post(`/api/requests/${filed.id}/sign`, {}), 403);
  });
});

describe('requests: who sees and acts', () => {
  it('a partner member sees only requests routed to its organisation (404 elsewhere)', async () => {
    const w = await world();
    const partner = await partnerMember(t.app, w.org.communityA);
    const theirs = await fileAsResident(w);
    const notTheirs = await fileAsResident(w);
    await step(w.worker.client, theirs.id, 'route', {
      unit: { kind: 'organisation', organisationId: partner.organisationId },
    });
    await step(w.worker.client, notTheirs.id, 'route');
    expect(await inbox(partner.userId, 'request.assigned', theirs.id)).toBe(1);
    const queue = await partner.client.getAs(RequestList, '/api/requests/queue');
    expect(queue.items.map((r) => r.id)).toEqual([theirs.id]);
    const list = await partner.client.getAs(RequestList, '/api/requests');
    expect(list.items.map((r) => r.id)).toEqual([theirs.id]);
    const detail = await partner.client.getAs(RequestDetail, `/api/requests/${theirs.id}`);
    expect(detail.allowedActions).toEqual(['sign', 'transfer', 'note']);
    expectError(await partner.client.get(`/api/requests/${notTheirs.id}`), 404, 'requests.not_found');
    expectError(await partner.client.post(`/api/requests/${notTheirs.id}/sign`, {}), 404);
    await step(partner.client, theirs.id, 'sign');
    // Another community's staff see nothing of it.
    const outsider = await signedIn(t, ['community_worker'], [w.org.communityB]);
    expectError(await outsider.client.get(`/api/requests/${theirs.id}`), 404);
  });

  it('ids inside bodies are scope-checked: client, place, unit organisation, merge target, community', async () => {
    const w = await world();
    const elsewhere = await buildOrg(t.app.ctx);
    const foreignWorker = await signedIn(t, ['community_worker'], [elsewhere.communityA]);
    const foreignClient = await createClient(foreignWorker.client, elsewhere.communityA);
    const foreignPlace = await insertPlace(t.app.ctx, w.org.communityB);
    const foreignPartner = await partnerMember(t.app, elsewhere.communityA);
    const base = {
      channel: 'walk_in',
      communityCode: w.org.communityA,
      categoryId: w.category.id,
      description: '门口积水',
    };
    const refused = async (body: Record<string, unknown>, path: string) => {
      const res = await w.worker.client.post('/api/requests', { ...base, ...body });
      expect(expectError(res, 400).fields?.[0]?.path, JSON.stringify(body)).toBe(path);
    };
    await refused({ channel: 'visit', clientId: foreignClient.id }, 'clientId');
    await refused({ channel: 'visit', clientId: randomUUID() }, 'clientId');
    await refused({ placeId: foreignPlace }, 'placeId');
    await refused({ communityCode: w.org.communityB }, 'communityCode');
    await refused({ categoryId: randomUUID() }, 'categoryId');
    const own = await createClient(w.worker.client, w.org.communityA);
    const visit = await w.worker.client.postAs(RequestIntakeResult, '/api/requests', {
      ...base,
      channel: 'visit',
      clientId: own.id,
      requesterName: '张三',
      requesterPhone: '13912340000',
    });
    const foreignRequest = await foreignWorker.client.postAs(RequestIntakeResult, '/api/requests', {
      ...base,
      communityCode: elsewhere.communityA,
      categoryId: (await createCategory(await districtOfficer(t.app, elsewhere.district), elsewhere.district)).id,
    });
    const unitRes = await w.worker.client.post(`/api/requests/${visit.id}/route`, {
      unit: { kind: 'organisation', organisationId: foreignPartner.organisationId },
    });
    expect(expectError(unitRes, 400).fields?.[0]?.path).toBe('unit');
    const gridElsewhere = await w.worker.client.post(`/api/requests/${visit.id}/route`, {
      unit: { kind: 'grid', areaCode: w.org.gridsB[0] },
    });
    expectError(gridElsewhere, 400);
    const merge = await w.worker.client.post(`/api/requests/${visit.id}/merge`, { intoId: foreignRequest.id });
    expect(expectError(merge, 400).fields?.[0]?.path).toBe('intoId');
    const detail = await w.worker.client.getAs(RequestDetail, `/api/requests/${visit.id}`);
    expect(detail).toMatchObject({ channel: 'visit', clientId: own.id, requester: { nameMasked: '张*' } });
  });

  it('an Idempotency-Key makes a repeated intake one request; a repeated sign is refused by state', async () => {
    const w = await world();
    const body = {
      channel: 'phone',
      communityCode: w.org.communityA,
      categoryId: w.category.id,
      description: '噪音扰民',
    };
    const key = randomUUID();
    const a = await w.worker.client.request('POST', '/api/requests', body, { 'idempotency-key': key });
    const b = await w.worker.client.request('POST', '/api/requests', body, { 'idempotency-key': key });
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
    const count = await t.app.ctx.db.execute(
      sql`SELECT count(*)::int AS n FROM requests WHERE area_code = ${w.org.communityA} AND description = '噪音扰民'`,
    );
    expect((count as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
    const id = (a.json() as { id: string }).id;
    await step(w.worker.client, id, 'route');
    await step(w.worker.client, id, 'sign');
    expectError(await w.worker.client.post(`/api/requests/${id}/sign`, {}), 409, 'requests.invalid_state');
  });

  it("a resident sees only their own requests and only files in their own community's catalogue", async () => {
    const w = await world();
    const filed = await fileAsResident(w);
    const neighbour = await signedIn(t, ['resident'], [w.org.communityA]);
    expectError(await neighbour.client.get(`/api/m/requests/${filed.id}`), 404);
    expectError(await neighbour.client.post(`/api/m/requests/${filed.id}/rating`, { rating: 'satisfied' }), 404);
    expect((await neighbour.client.getAs(ResidentRequestList, '/api/m/requests')).total).toBe(0);
    const elsewhere = await buildOrg(t.app.ctx);
    const otherCategory = await createCategory(await districtOfficer(t.app, elsewhere.district), elsewhere.district);
    const res = await w.resident.client.post('/api/m/requests', {
      categoryId: otherCategory.id,
      description: '别处的分类',
    });
    expect(expectError(res, 400).fields?.[0]?.path).toBe('categoryId');
    expectError(await w.resident.client.get(`/api/requests/${filed.id}`), 404);
  });
});

describe('requests: demo data', () => {
  it('has requests in every state, rated every way', async () => {
    const demo = await createTestApp({
      demoMode: true,
      dataDir: mkdtempSync(path.join(tmpdir(), 'linli-requests-demo-')),
    });
    try {
      await seedDemo(demo.app.ctx, 'Linli-demo-2026!');
      const rows = (await demo.app.ctx.db.execute(
        sql`SELECT status, rating, escalated_at IS NOT NULL AS escalated FROM requests`,
      )) as unknown as { rows: { status: string; rating: string | null; escalated: boolean }[] };
      const statuses = new Set(rows.rows.map((r) => r.status));
      expect([...statuses].sort()).toEqual(
        ['assigned', 'closed', 'in_progress', 'merged', 'rejected', 'resolved', 'submitted'].sort(),
      );
      const ratings = rows.rows.filter((r) => r.status === 'closed').map((r) => r.rating);
      expect(ratings.sort()).toEqual(['dissatisfied', 'satisfied', 'unrated']);
      expect(rows.rows.filter((r) => r.escalated)).toHaveLength(1); // 不满意 twice (the overdue one waits for the job)
    } finally {
      await demo.close();
    }
  }, 120_000);
});
