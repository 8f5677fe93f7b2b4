import { describe, expect, it } from 'vitest';
import {
  ActivityCreated,
  ActivityList,
  CheckinCode,
  CheckinResult,
  ConfirmResult,
  OpenActivity,
  OpenActivityList,
  Roster,
} from '@linli/contracts/modules/activities';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { expectError, parseAs, signedIn, type TestClient, useTestApp } from '../../../test/harness';
import { issueRotatingCode } from '../../platform/signed-codes';
import { activityBody as bodyFrom, makeVolunteer } from './activities.test-kit';

const t = useTestApp();
const HOUR = 3_600_000;

/** An activity of the community starting `inHours` from the test clock, 2 hours long, one role of `capacity`. */
function activityBody(org: TestOrg, inHours: number, extra: Record<string, unknown> = {}) {
  return bodyFrom(org.communityA, new Date(t.clock.now().getTime() + inHours * HOUR), extra);
}

async function setUp() {
  const org = await buildOrg(t.app.ctx);
  const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
  return { org, worker };
}

async function create(worker: TestClient, body: unknown) {
  return parseAs(ActivityCreated, await worker.post('/api/activities', body), 'create');
}

/** Moves the clock on; sessions idle out meanwhile, so the clients given log in again. */
async function advance(ms: number, ...clients: TestClient[]) {
  t.clock.advance(ms);
  for (const client of clients) await client.relogin();
}

const signup = (client: TestClient, id: string, roleId: string) =>
  client.post(`/api/m/activities/${id}/signup`, { roleId });

describe('activities: publishing', () => {
  it('a worker publishes an activity in their community; another community sees nothing of it', async () => {
    const { org, worker } = await setUp();
    const created = await create(
      worker,
      activityBody(org, 24, {
        roles: [
          { name: '清扫', capacity: 2 },
          { name: '引导', capacity: 1 },
        ],
      }),
    );
    expect(created).toMatchObject({ status: 'published', areaCode: org.communityA, occurrenceIds: [created.id] });
    expect(created.roles.map((r) => [r.name, r.capacity, r.registered])).toEqual([
      ['清扫', 2, 0],
      ['引导', 1, 0],
    ]);
    const list = parseAs(ActivityList, await worker.get('/api/activities?when=upcoming'));
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
    const { client: other } = await signedIn(t, ['community_worker'], [org.communityB]);
    expectError(await other.get(`/api/activities/${created.id}`), 404);
    expect(parseAs(ActivityList, await other.get('/api/activities')).total).toBe(0);
    expectError(await other.post('/api/activities', activityBody(org, 24)), 404);
  });

  it('a weekly series makes one activity per week up to the end date, each with its own roles', async () => {
    const { org, worker } = await setUp();
    const body = activityBody(org, 24, {
      recurrence: 'weekly',
      repeatUntil: new Date(t.clock.now().getTime() + 24 * HOUR + 21 * 24 * HOUR + 60_000).toISOString(),
    });
    const created = await create(worker, body);
    expect(created.occurrenceIds).toHaveLength(4);
    expect(created.seriesId).not.toBeNull();
    const list = parseAs(ActivityList, await worker.get('/api/activities?when=upcoming'));
    const starts = list.items.map((i) => new Date(i.startsAt).getTime());
    expect(starts).toEqual([0, 1, 2, 3].map((w) => starts[0]! + w * 7 * 24 * HOUR));
    expect(list.items.every((i) => i.roles.length === 1 && i.seriesId === created.seriesId)).toBe(true);
  });

  it('what an activity serves is scope-checked: a wish of another community is refused', async () => {
    const { org, worker } = await setUp();
    const { client: otherWorker } = await signedIn(t, ['community_worker'], [org.communityB]);
    const wish = await otherWorker.post('/api/wishes', {
      areaCode: org.communityB,
      title: '一副老花镜',
      publicText: '看报纸看不清，想要一副老花镜。',
      estimatedValue: 60,
      beneficiaryName: '张三',
      beneficiaryPhone: '13900001111',
      consent: true,
    });
    const wishId = (wish.json() as { id: string }).id;
    const refused = expectError(
      await worker.post('/api/activities', activityBody(org, 24, { servesKind: 'wish', servesId: wishId })),
      404,
      'activities.not_found',
    );
    expect(refused.fields?.[0]).toMatchObject({ path: 'servesId', code: 'activities.serves_unknown' });
    const project = await create(worker, activityBody(org, 24, { servesKind: 'project', servesRef: '老旧小区改造' }));
    expect(project).toMatchObject({ servesKind: 'project', servesRef: '老旧小区改造' });
  });
});

describe('activities: sign-up, waitlist, clash', () => {
  it('past capacity volunteers are waitlisted; a cancellation moves the first of the waitlist up', async () => {
    const { org, worker } = await setUp();
    const a = await create(worker, activityBody(org, 24, { roles: [{ name: '清扫', capacity: 1 }] }));
    const roleId = a.roles[0]!.id;
    const v1 = await makeVolunteer(t.app, org.communityA, worker);
    const v2 = await makeVolunteer(t.app, org.communityA, worker);
    const v3 = await makeVolunteer(t.app, org.communityA, worker);
    expect(parseAs(OpenActivity, await signup(v1.client, a.id, roleId)).mine?.state).toBe('registered');
    t.clock.advance(1000);
    expect(parseAs(OpenActivity, await signup(v2.client, a.id, roleId)).mine).toMatchObject({
      state: 'waitlisted',
      waitlistPosition: 1,
    });
    t.clock.advance(1000);
    expect(parseAs(OpenActivity, await signup(v3.client, a.id, roleId)).mine).toMatchObject({
      state: 'waitlisted',
      waitlistPosition: 2,
    });
    expectError(await signup(v1.client, a.id, roleId), 409, 'activities.already_signed_up');

    const cancelled = parseAs(OpenActivity, await v1.client.post(`/api/m/activities/${a.id}/cancel`));
    expect(cancelled.mine).toBeNull();
    const second = parseAs(OpenActivity, await v2.client.get(`/api/m/activities/${a.id}`));
    expect(second.mine?.state).toBe('registered');
    expect(second.roles[0]).toMatchObject({ registered: 1, waitlisted: 1 });
    expect(parseAs(OpenActivity, await v3.client.get(`/api/m/activities/${a.id}`)).mine?.waitlistPosition).toBe(1);
    const roster = parseAs(Roster, await worker.get(`/api/activities/${a.id}/roster`));
    expect(roster.items.map((r) => r.state).sort()).toEqual(['cancelled', 'registered', 'waitlisted']);
    // A waitlisted volunteer who cancels frees nothing: the seat stays with the one who holds it.
    await v3.client.post(`/api/m/activities/${a.id}/cancel`);
    expect(parseAs(OpenActivity, await v2.client.get(`/api/m/activities/${a.id}`)).roles[0]).toMatchObject({
      registered: 1,
      waitlisted: 0,
    });
  });

  it('10 concurrent sign-ups for 3 seats: exactly 3 registered, 7 waitlisted', async () => {
    const { org, worker } = await setUp();
    const a = await create(worker, activityBody(org, 24, { roles: [{ name: '清扫', capacity: 3 }] }));
    const roleId = a.roles[0]!.id;
    // Ten accounts made at once too: on a Citus cluster they meet on the reference tables users and user_roles, and a
    // cancelled one runs again (platform/transaction-retry.ts).
    const volunteers = await Promise.all(
      Array.from({ length: 10 }, () => makeVolunteer(t.app, org.communityA, worker)),
    );
    const answers = await Promise.all(volunteers.map((v) => signup(v.client, a.id, roleId)));
    const states = answers.map((r) => parseAs(OpenActivity, r).mine?.state);
    expect(states.filter((s) => s === 'registered')).toHaveLength(3);
    expect(states.filter((s) => s === 'waitlisted')).toHaveLength(7);
    const detail = parseAs(OpenActivity, await volunteers[0]!.client.get(`/api/m/activities/${a.id}`));
    expect(detail.roles[0]).toMatchObject({ capacity: 3, registered: 3, waitlisted: 7 });
  });

  it('a sign-up overlapping another of the volunteer’s activities is refused, naming it', async () => {
    const { org, worker } = await setUp();
    const first = await create(worker, activityBody(org, 24, { title: '敬老院探访' }));
    const second = await create(worker, activityBody(org, 25, { title: '垃圾分类宣传' }));
    const later = await create(worker, activityBody(org, 26, { title: '晚间巡逻' }));
    const v = await makeVolunteer(t.app, org.communityA, worker);
    await signup(v.client, first.id, first.roles[0]!.id);
    const clash = expectError(await signup(v.client, second.id, second.roles[0]!.id), 409, 'activities.clash');
    expect(clash.fields?.[0]).toMatchObject({ code: 'activities.clash_with', params: { title: '敬老院探访' } });
    expect(parseAs(OpenActivity, await signup(v.client, later.id, later.roles[0]!.id)).mine?.state).toBe('registered');
    const mine = parseAs(OpenActivityList, await v.client.get('/api/m/activities/mine'));
    expect(mine.items.map((i) => i.title)).toEqual(['敬老院探访', '晚间巡逻']);
  });

  it('only confirmed volunteers sign up, and only while sign-up is open', async () => {
    const { org, worker } = await setUp();
    const a = await create(
      worker,
      activityBody(org, 48, { signupOpensAt: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString() }),
    );
    const pending = await makeVolunteer(t.app, org.communityA);
    expectError(await signup(pending.client, a.id, a.roles[0]!.id), 409, 'activities.not_volunteer');
    const v = await makeVolunteer(t.app, org.communityA, worker);
    expectError(await signup(v.client, a.id, a.roles[0]!.id), 409, 'activities.signup_closed');
    await advance(25 * HOUR, v.client);
    expect(parseAs(OpenActivity, await signup(v.client, a.id, a.roles[0]!.id)).mine?.state).toBe('registered');
  });
});

describe('activities: check-in by the rotating code', () => {
  async function signedUpVolunteer() {
    const { org, worker } = await setUp();
    const a = await create(worker, activityBody(org, 2));
    const v = await makeVolunteer(t.app, org.communityA, worker);
    await signup(v.client, a.id, a.roles[0]!.id);
    return { org, worker, a, v };
  }
  const scan = (client: TestClient, code: string) => client.post('/api/m/activities/check-in', { code });

  it('forged and stale codes are refused; a replayed code is refused; check-out needs a later code', async () => {
    const { worker, a, v } = await signedUpVolunteer();
    // Too early: check-in opens 30 minutes before the start.
    const early = parseAs(CheckinCode, await worker.get(`/api/activities/${a.id}/checkin-code`));
    expectError(await scan(v.client, early.code), 409, 'activities.checkin_closed');

    await advance(2 * HOUR - 10 * 60_000, worker, v.client); // ten minutes before the start
    const shown = parseAs(CheckinCode, await worker.get(`/api/activities/${a.id}/checkin-code`));
    const [subject, window, mac] = shown.code.split('.');
    const forged = `${subject}.${window}.${mac!.slice(0, -2)}${mac!.endsWith('AA') ? 'BB' : 'AA'}`;
    expectError(await scan(v.client, forged), 400, 'activities.code_invalid');
    expectError(await scan(v.client, 'not-a-code'), 400, 'activities.code_invalid');
    // Signed with another key (another installation): forged too.
    const otherKeys = { ...t.keys, blindIndex: Buffer.alloc(32, 7) };
    expectError(
      await scan(v.client, issueRotatingCode(otherKeys, 'activity.checkin', a.id, t.clock.now()).code),
      400,
      'activities.code_invalid',
    );
    // A screenshot two windows old is stale.
    t.clock.advance(65_000);
    expectError(await scan(v.client, shown.code), 409, 'activities.code_stale');

    const now = parseAs(CheckinCode, await worker.get(`/api/activities/${a.id}/checkin-code`));
    const inAt = parseAs(CheckinResult, await scan(v.client, now.code));
    expect(inAt.step).toBe('checked_in');
    // The same code again (a replay, or a double tap): refused, not taken as a check-out.
    expectError(await scan(v.client, now.code), 409, 'activities.code_replayed');

    // Past the end (travel home is not service): the minutes stop at the end.
    await advance(2 * HOUR + 30 * 60_000, worker, v.client);
    const later = parseAs(CheckinCode, await worker.get(`/api/activities/${a.id}/checkin-code`));
    const out = parseAs(CheckinResult, await scan(v.client, later.code));
    expect(out).toMatchObject({ step: 'checked_out', minutes: 120 });
    expectError(await scan(v.client, later.code), 409, 'activities.already_checked_out');
  });

  it('a volunteer not signed up cannot check in with a valid code', async () => {
    const { org, worker, a } = await signedUpVolunteer();
    const stranger = await makeVolunteer(t.app, org.communityA, worker);
    await advance(2 * HOUR, worker, stranger.client);
    const code = parseAs(CheckinCode, await worker.get(`/api/activities/${a.id}/checkin-code`));
    expectError(await scan(stranger.client, code.code), 409, 'activities.not_signed_up');
  });

  it('minutes count from the start when checked in early, to the check-out', async () => {
    const { worker, a, v } = await signedUpVolunteer();
    await advance(2 * HOUR - 20 * 60_000, worker, v.client);
    await scan(v.client, parseAs(CheckinCode, await worker.get(`/api/activities/${a.id}/checkin-code`)).code);
    await advance(20 * 60_000 + 45 * 60_000, worker, v.client);
    const out = parseAs(
      CheckinResult,
      await scan(v.client, parseAs(CheckinCode, await worker.get(`/api/activities/${a.id}/checkin-code`)).code),
    );
    expect(out.minutes).toBe(45);
  });
});

describe('activities: roster and confirmation', () => {
  it('the organiser ticks the roster and confirms in bulk: hours are credited once, a repeat books nothing', async () => {
    const { org, worker } = await setUp();
    const a = await create(worker, activityBody(org, 2, { roles: [{ name: '清扫', capacity: 3 }] }));
    const v1 = await makeVolunteer(t.app, org.communityA, worker);
    const v2 = await makeVolunteer(t.app, org.communityA, worker);
    await signup(v1.client, a.id, a.roles[0]!.id);
    await signup(v2.client, a.id, a.roles[0]!.id);
    expectError(await worker.post(`/api/activities/${a.id}/confirm`, {}), 409, 'activities.not_ended');
    await advance(5 * HOUR, worker);
    const roster = parseAs(Roster, await worker.get(`/api/activities/${a.id}/roster`));
    const [p1, p2] = roster.items;
    const start = new Date(a.startsAt).getTime();
    const ticked = parseAs(
      Roster,
      await worker.post(`/api/activities/participations/${p1!.id}/attendance`, {
        state: 'attended',
        checkedInAt: new Date(start + 30 * 60_000).toISOString(),
        checkedOutAt: new Date(start + 3 * HOUR).toISOString(),
      }),
    );
    expect(ticked.items.find((r) => r.id === p1!.id)).toMatchObject({ state: 'attended', minutes: 90 });
    await worker.post(`/api/activities/participations/${p2!.id}/attendance`, { state: 'no_show' });

    const first = parseAs(ConfirmResult, await worker.post(`/api/activities/${a.id}/confirm`, {}));
    expect(first).toEqual({ confirmed: 1, alreadyConfirmed: 0, skipped: [] });
    const again = parseAs(ConfirmResult, await worker.post(`/api/activities/${a.id}/confirm`, {}));
    expect(again).toEqual({ confirmed: 0, alreadyConfirmed: 1, skipped: [] });
    const after = parseAs(Roster, await worker.get(`/api/activities/${a.id}/roster`));
    const confirmed = after.items.find((r) => r.id === p1!.id)!;
    expect(confirmed.confirmedAt).not.toBeNull();
    expect(confirmed.hoursEntryId).not.toBeNull();
    expect(after.items.find((r) => r.id === p2!.id)).toMatchObject({ state: 'no_show', confirmedAt: null });
    // Once confirmed, the tick cannot change.
    expectError(
      await worker.post(`/api/activities/participations/${p1!.id}/attendance`, { state: 'no_show' }),
      409,
      'activities.invalid_state',
    );
    const detail = parseAs(ActivityList, await worker.get('/api/activities?when=past'));
    expect(detail.items.find((i) => i.id === a.id)?.status).toBe('finished');
  });

  it('cancelling an activity cancels its sign-ups', async () => {
    const { org, worker } = await setUp();
    const a = await create(worker, activityBody(org, 24));
    const v = await makeVolunteer(t.app, org.communityA, worker);
    await signup(v.client, a.id, a.roles[0]!.id);
    await worker.post(`/api/activities/${a.id}/cancel`, { reason: '天气原因' });
    expect(parseAs(OpenActivity, await v.client.get(`/api/m/activities/${a.id}`))).toMatchObject({
      status: 'cancelled',
      mine: null,
    });
  });
});
