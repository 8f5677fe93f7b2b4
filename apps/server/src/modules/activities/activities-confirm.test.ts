import { describe, expect, it } from 'vitest';
import {
  ActivityCreated,
  CheckinCode,
  ConfirmResult,
  Roster,
  type RosterEntry,
} from '@linli/contracts/modules/activities';
import { buildOrg } from '../../../test/factories/org';
import { expectError, parseAs, signedIn, type TestClient, useTestApp } from '../../../test/harness';
import { activityBody, makeVolunteer } from './activities.test-kit';

const t = useTestApp();
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A community activity starting in an hour, 2 hours long, with `n` volunteers signed up. */
async function activityWith(n: number) {
  const org = await buildOrg(t.app.ctx);
  const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
  const start = new Date(t.clock.now().getTime() + HOUR);
  const a = parseAs(
    ActivityCreated,
    await worker.post(
      '/api/activities',
      activityBody(org.communityA, start, { roles: [{ name: '清扫', capacity: 5 }] }),
    ),
  );
  const volunteers = [];
  for (let i = 0; i < n; i++) {
    const v = await makeVolunteer(t.app, org.communityA, worker);
    await v.client.post(`/api/m/activities/${a.id}/signup`, { roleId: a.roles[0]!.id });
    volunteers.push(v);
  }
  return { worker, a, start, volunteers };
}

async function advance(ms: number, ...clients: TestClient[]) {
  t.clock.advance(ms);
  for (const client of clients) await client.relogin();
}

const rosterOf = async (worker: TestClient, id: string) =>
  parseAs(Roster, await worker.get(`/api/activities/${id}/roster`)).items;
const tick = (worker: TestClient, p: RosterEntry, body: Record<string, unknown> = {}) =>
  worker.post(`/api/activities/participations/${p.id}/attendance`, { state: 'attended', ...body });

describe('activities: no hours for time not yet served', () => {
  it('a tick before the end leaves the check-out open; confirming is refused until the end, then books the served time', async () => {
    const { worker, a, start } = await activityWith(1);
    await advance(HOUR + MINUTE, worker);
    const [p] = await rosterOf(worker, a.id);
    parseAs(Roster, await tick(worker, p!));
    expect((await rosterOf(worker, a.id))[0]).toMatchObject({
      state: 'attended',
      checkedInAt: start.toISOString(),
      checkedOutAt: null,
      minutes: null,
    });
    // A check-out time in the future is refused.
    expectError(
      await tick(worker, p!, { checkedOutAt: new Date(start.getTime() + 2 * HOUR).toISOString() }),
      400,
      'common.validation_failed',
    );
    // One minute after the start, 确认时长 books nothing: the activity has not ended.
    expectError(await worker.post(`/api/activities/${a.id}/confirm`, {}), 409, 'activities.not_ended');
    expectError(
      await worker.post(`/api/activities/${a.id}/confirm`, { participationIds: [p!.id] }),
      409,
      'activities.not_ended',
    );
    expect((await rosterOf(worker, a.id))[0]).toMatchObject({ confirmedAt: null, hoursEntryId: null });

    await advance(2 * HOUR, worker);
    const done = parseAs(ConfirmResult, await worker.post(`/api/activities/${a.id}/confirm`, {}));
    expect(done).toEqual({ confirmed: 1, alreadyConfirmed: 0, skipped: [] });
    const after = (await rosterOf(worker, a.id))[0]!;
    expect(after).toMatchObject({ checkedOutAt: new Date(start.getTime() + 2 * HOUR).toISOString(), minutes: 120 });
    expect(after.hoursEntryId).not.toBeNull();
  });

  it('a tick after the start but before the end with a past check-out counts only up to it', async () => {
    const { worker, a, start } = await activityWith(1);
    await advance(HOUR + 40 * MINUTE, worker);
    const [p] = await rosterOf(worker, a.id);
    const ticked = parseAs(
      Roster,
      await tick(worker, p!, { checkedOutAt: new Date(start.getTime() + 30 * MINUTE).toISOString() }),
    );
    expect(ticked.items[0]).toMatchObject({ minutes: 30 });
    await advance(2 * HOUR, worker);
    expect(parseAs(ConfirmResult, await worker.post(`/api/activities/${a.id}/confirm`, {}))).toMatchObject({
      confirmed: 1,
    });
    expect((await rosterOf(worker, a.id))[0]).toMatchObject({ minutes: 30 });
  });

  it('the confirmation says who was skipped: checked in by scan, never out', async () => {
    const { worker, a, volunteers } = await activityWith(2);
    await advance(HOUR, worker, ...volunteers.map((v) => v.client));
    const code = parseAs(CheckinCode, await worker.get(`/api/activities/${a.id}/checkin-code`));
    await volunteers[0]!.client.post('/api/m/activities/check-in', { code: code.code });
    await advance(3 * HOUR, worker);
    const roster = await rosterOf(worker, a.id);
    const scanned = roster.find((r) => r.checkedInAt !== null)!;
    const other = roster.find((r) => r.id !== scanned.id)!;
    parseAs(Roster, await tick(worker, other));
    const done = parseAs(ConfirmResult, await worker.post(`/api/activities/${a.id}/confirm`, {}));
    expect(done).toEqual({
      confirmed: 1,
      alreadyConfirmed: 0,
      skipped: [{ participationId: scanned.id, reason: 'no_checkout' }],
    });
  });
});
