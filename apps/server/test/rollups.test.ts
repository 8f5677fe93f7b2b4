import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recodeAreaOwnedRows } from '../src/modules/org/area-owned';
import { chinaToday } from '../src/platform/dates';
import {
  ensureOverdueRollup, foldRollups, onTimeByTier, onTimeByTierNaive, overdueBuckets, overdueBucketsNaive, type OverdueGrouping,
} from '../src/modules/care/supervision/supervision.repository';
import { queryRows } from '../src/platform/db';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { assess, createClient } from './factories/care';
import { createTestApp, TestClient, type TestApp } from './harness';

// The dashboard's rollups (migration 0008) must always equal the aggregate computed straight from `visits`,
// whatever happens to visits: recorded on time or late, missed, re-planned, reassigned, moved by an area merge,
// the day rolling over. This drives a seeded random sequence of such changes through the API and compares both
// after every step, for several jurisdictions.

let t: TestApp;
let org: TestOrg;
const users: { client: TestClient; credentials: [string, string]; id: string }[] = [];
let supervisor: TestClient;
let supervisorCredentials: [string, string];

let seed = 20261123;
/** mulberry32: a small deterministic generator (32-bit integer arithmetic, so no precision loss in JS). */
function random(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) % n;
}

async function login(roles: Parameters<typeof createUser>[1]['roles'], areas: string[]) {
  const user = await createUser(t.app.ctx, { roles, areas });
  const client = new TestClient(t.app);
  await client.login(user.username, user.password);
  return { client, id: user.id, credentials: [user.username, user.password] as [string, string] };
}

async function advanceDays(days: number) {
  t.clock.advance(days * 86_400_000);
  for (const u of users) await u.client.login(...u.credentials);
  await supervisor.login(...supervisorCredentials);
}

const sortByKey = <T extends { key: unknown }>(rows: T[]) => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));
const sortByTier = <T extends { tier: string }>(rows: T[]) => [...rows].sort((a, b) => a.tier.localeCompare(b.tier));

async function expectRollupsEqualNaive(label: string) {
  const db = t.app.ctx.db;
  const today = chinaToday(t.clock.now());
  await ensureOverdueRollup(db, today);
  for (const prefixes of [[org.district], [org.communityA], [org.communityB], [org.gridsA[0]!], [org.communityB, org.gridsA[1]!]]) {
    for (const groupBy of ['assignee_id', 'grid_code', 'area_code'] as OverdueGrouping[]) {
      const rollup = (await overdueBuckets(db, prefixes, groupBy)).map(({ label: _label, ...counts }) => counts);
      expect(sortByKey(rollup), `${label}: overdue by ${groupBy} in ${prefixes}`)
        .toEqual(sortByKey(await overdueBucketsNaive(db, prefixes, today, groupBy)));
    }
    expect(sortByTier(await onTimeByTier(db, prefixes, today)), `${label}: on-time in ${prefixes}`)
      .toEqual(sortByTier(await onTimeByTierNaive(db, prefixes, today)));
  }
}

async function plannedVisitsOf(client: TestClient) {
  const list = (await client.get('/api/care/worklist')).json() as Record<'overdue' | 'dueToday' | 'thisWeek', { id: string; windowStart: string; dueDate: string }[]>;
  return [...list.overdue, ...list.dueToday, ...list.thisWeek];
}

beforeAll(async () => {
  t = await createTestApp({ loginLimitPerIp: 100_000, loginLimitPerUser: 100_000 }, '2026-01-05T01:00:00Z');
  org = await buildOrg(t.app.ctx);
  users.push(await login(['community_worker'], [org.communityA]));
  users.push(await login(['community_worker'], [org.communityB]));
  users.push(await login(['grid_worker'], [org.gridsA[0]!]));
  const s = await login(['community_supervisor'], [org.communityA]);
  supervisor = s.client;
  supervisorCredentials = s.credentials;
  const tiers = ['red', 'yellow', 'blue'] as const;
  for (let i = 0; i < 12; i++) {
    const [worker, community, grid] = i % 3 === 0 ? [users[0]!, org.communityA, org.gridsA[1]!]
      : i % 3 === 1 ? [users[1]!, org.communityB, i % 2 ? org.gridsB[0]! : undefined] : [users[2]!, org.communityA, org.gridsA[0]!];
    const creator = worker === users[2] ? users[0]! : worker;
    const c = await createClient(creator.client, community, grid ? { gridCode: grid } : {});
    await assess(creator.client, c.id, tiers[Math.floor(i / 4)]!);
  }
});
afterAll(() => t.close());

describe('dashboard rollups', () => {
  it('equal the naive aggregate after every kind of change to visits', async () => {
    await expectRollupsEqualNaive('after set-up');
    const recorded: Record<string, number> = {};
    for (let step = 0; step < 14; step++) {
      await advanceDays(1 + random(6)); // under 90 days in all: passwords expire after 90
      await expectRollupsEqualNaive(`step ${step}: day rolled over`);
      const today = chinaToday(t.clock.now());
      for (const worker of users) {
        for (const visit of await plannedVisitsOf(worker.client)) {
          const roll = random(4);
          if (roll === 0) continue; // left overdue
          const body = roll === 3
            ? { outcome: 'missed', mode: 'phone', visitedOn: today, missedReason: 'not_home' }
            : { outcome: 'done', mode: 'home', visitedOn: roll === 1 ? today : visit.windowStart < today ? visit.windowStart : today };
          const res = await worker.client.post(`/api/care/visits/${visit.id}/record`, body);
          expect(res.statusCode, res.body).toBe(200);
          recorded[body.outcome] = (recorded[body.outcome] ?? 0) + 1;
        }
      }
      await expectRollupsEqualNaive(`step ${step}: visits recorded`);
      if (step % 3 === 1) {
        await foldRollups(t.app.ctx.db); // later steps then run against a folded base plus fresh deltas
        await expectRollupsEqualNaive(`step ${step}: folded`);
      }
      if (step === 4) {
        const moved = await supervisor.post('/api/care/caseload/reassign', { gridCode: org.gridsA[1], toUserId: users[0]!.id });
        expect(moved.statusCode, moved.body).toBe(200);
        await expectRollupsEqualNaive('grid reassigned');
      }
      if (step === 8) {
        // What an area merge does to visits: re-code community and grid columns in one transaction.
        await t.app.ctx.db.transaction(async (tx) => recodeAreaOwnedRows(tx, org.gridsB[0]!, org.gridsB[1]!));
        await expectRollupsEqualNaive('grid merged');
      }
    }
    // The sequence really exercised both outcomes (a generator stuck on one branch would make this test hollow).
    expect(recorded.done).toBeGreaterThan(10);
    expect(recorded.missed).toBeGreaterThan(3);
  });

  it('updates the overdue counts within the day, without waiting for the daily rebuild', async () => {
    const worker = users[0]!;
    const c = await createClient(worker.client, org.communityA, { gridCode: org.gridsA[1] });
    await assess(worker.client, c.id, 'red');
    await advanceDays(20);
    const before = (await supervisor.get('/api/care/overdue')).json();
    const mine = () => before.byWorker.find((b: { key: string }) => b.key === worker.id)?.total ?? 0;
    expect(mine()).toBeGreaterThanOrEqual(1);
    const visit = (await plannedVisitsOf(worker.client)).find((v) => v.dueDate < chinaToday(t.clock.now()))!;
    await worker.client.post(`/api/care/visits/${visit.id}/record`, { outcome: 'done', mode: 'home', visitedOn: chinaToday(t.clock.now()) });
    const after = (await supervisor.get('/api/care/overdue')).json();
    expect(after.byWorker.find((b: { key: string }) => b.key === worker.id)?.total ?? 0).toBe(mine() - 1);
    expect(after.onTimePeriod.until > after.onTimePeriod.from).toBe(true);
  });

  it('folds deltas into the base without changing any figure', async () => {
    const db = t.app.ctx.db;
    const deltas = async () => (await queryRows<{ n: number }>(db, sql`SELECT (SELECT count(*) FROM care_ontime_delta) + (SELECT count(*) FROM care_overdue_delta) AS n`))[0]!.n;
    expect(Number(await deltas())).toBeGreaterThan(0);
    await expectRollupsEqualNaive('before the fold');
    expect(await foldRollups(db)).toBeGreaterThan(0);
    expect(Number(await deltas())).toBe(0);
    await expectRollupsEqualNaive('after the fold');
  });

  it('rebuilds to the same contents as the trigger maintained', async () => {
    const db = t.app.ctx.db;
    await foldRollups(db);
    const snapshot = async () => ({
      onTime: await queryRows(db, sql`SELECT * FROM care_ontime_rollup WHERE done <> 0 OR on_time <> 0 ORDER BY 1, 2, 3, 4`),
      overdue: await queryRows(db, sql`SELECT * FROM care_overdue_rollup WHERE d1to7 + d8to30 + over30 <> 0 ORDER BY 1, 2, 3`),
    });
    const maintained = await snapshot();
    expect(maintained.onTime.length).toBeGreaterThan(0);
    await db.execute(sql`SELECT care_rebuild_ontime()`);
    const [state] = await queryRows<{ as_of: string }>(db, sql`SELECT overdue_as_of::text AS as_of FROM care_rollup_state`);
    await db.execute(sql`SELECT care_rebuild_overdue(${state!.as_of}::date, true)`);
    expect(await snapshot()).toEqual(maintained);
  });
});
