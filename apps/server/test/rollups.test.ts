import { CaseloadReassignResult, OverdueQueue, RecordVisitResult, Worklist } from '@linli/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recodeAreaOwnedRows } from '../src/modules/org/area-owned';
import { scopePrefix } from '../src/platform/access';
import { chinaToday } from '../src/platform/dates';
import {
  dashboardAggregates,
  dashboardSource,
  ensureOverdueRollup,
  foldRollups,
  onTimeByTier,
  onTimeByTierNaive,
  overdueBuckets,
  overdueBucketsNaive,
  type OverdueGrouping,
} from '../src/modules/care/supervision/supervision.repository';
import { queryRows } from '../src/platform/db';
import { buildOrg, type TestOrg } from './factories/org';
import { overdueByGroupAndBase } from './factories/rollups';
import { assess, createClient } from './factories/care';
import { advanceDays, signedIn, useTestApp, type TestClient } from './harness';

// The dashboard's rollups (migration 0008) must always equal the aggregate computed straight from `visits`,
// whatever happens to visits: recorded on time or late, missed, re-planned, reassigned, moved by an area merge,
// the day rolling over. This drives a seeded random sequence of such changes through the API and compares both
// after every step, for several jurisdictions.

// Every test starts on 2026-01-05 (a Monday) in a district of its own.
const t = useTestApp({ loginLimitPerIp: 100_000, loginLimitPerUser: 100_000 }, '2026-01-05T01:00:00Z');

/** mulberry32 from `seed`: a small deterministic generator (32-bit integer arithmetic, so no precision loss in JS). */
function generator(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
}

interface Actor {
  client: TestClient;
  id: string;
}

/** How often the seeded sequence in the first test records each outcome. */
// (The worklist reaches the end of the ISO week, so the visits offered each step follow the weekday.)
const RECORDED_BY_THE_SEED = { done: 29, missed: 14 };

/**
 * A district with two community workers (A and B), a grid worker in A's first grid and A's supervisor, and twelve
 * clients spread over them (red, yellow, blue, four each), named so that worklists list them in a fixed order.
 */
async function district() {
  const org = await buildOrg(t.app.ctx);
  const users: Actor[] = [
    await signedIn(t, ['community_worker'], [org.communityA]),
    await signedIn(t, ['community_worker'], [org.communityB]),
    await signedIn(t, ['grid_worker'], [org.gridsA[0]!]),
  ];
  const supervisor = (await signedIn(t, ['community_supervisor'], [org.communityA])).client;
  const tiers = ['red', 'yellow', 'blue'] as const;
  const names = ['安', '白', '陈', '邓', '方', '高', '韩', '金', '李', '马', '宁', '潘'];
  for (let i = 0; i < 12; i++) {
    const [worker, community, grid] =
      i % 3 === 0
        ? [users[0]!, org.communityA, org.gridsA[1]!]
        : i % 3 === 1
          ? [users[1]!, org.communityB, i % 2 ? org.gridsB[0]! : undefined]
          : [users[2]!, org.communityA, org.gridsA[0]!];
    const creator = worker === users[2] ? users[0]! : worker;
    const c = await createClient(creator.client, community, {
      name: `${names[i]}大爷`,
      ...(grid ? { gridCode: grid } : {}),
    });
    await assess(creator.client, c.id, tiers[Math.floor(i / 4)]!);
  }
  return { org, users, supervisor };
}

const sortByKey = <T extends { key: unknown }>(rows: T[]) =>
  [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));
const sortByTier = <T extends { tier: string }>(rows: T[]) => [...rows].sort((a, b) => a.tier.localeCompare(b.tier));

async function expectRollupsEqualNaive(org: TestOrg, label: string) {
  const db = t.app.ctx.db;
  const today = chinaToday(t.clock.now());
  await ensureOverdueRollup(db, today);
  // Jurisdictions as actors hold them: scope prefixes (a district's code without its trailing zeros), not codes.
  for (const prefixes of [
    [org.district],
    [org.communityA],
    [org.communityB],
    [org.gridsA[0]!],
    [org.communityB, org.gridsA[1]!],
  ].map((codes) => codes.map(scopePrefix))) {
    for (const groupBy of ['assignee_id', 'grid_code', 'area_code'] as OverdueGrouping[]) {
      const rollup = (await overdueBuckets(db, prefixes, groupBy)).rows.map(({ label: _label, ...counts }) => counts);
      expect(sortByKey(rollup), `${label}: overdue by ${groupBy} in ${prefixes}`).toEqual(
        sortByKey(await overdueBucketsNaive(db, prefixes, today, groupBy)),
      );
    }
    expect(sortByTier(await onTimeByTier(db, prefixes, today)), `${label}: on-time in ${prefixes}`).toEqual(
      sortByTier(await onTimeByTierNaive(db, prefixes, today)),
    );
  }
}

async function plannedVisitsOf(client: TestClient) {
  const list = await client.getAs(Worklist, '/api/care/worklist');
  return [...list.overdue, ...list.dueToday, ...list.thisWeek];
}

/**
 * The overdue rollup as of the test's day. The server brings it up to date on the first dashboard request of a day and
 * remembers that day; the first test moves the rollup through the repository, behind the server's back, and tests go
 * back in time (real days do not), so a test that reads the dashboard sets the rollup to its own day first.
 */
async function rollupAsOfToday(): Promise<void> {
  await ensureOverdueRollup(t.app.ctx.db, chinaToday(t.clock.now()));
}

/** The rollup rows (base plus deltas, summed) of one district, in a fixed order. */
async function rollupRowsOf(org: TestOrg) {
  const db = t.app.ctx.db;
  const prefix = `${org.district.slice(0, 6)}%`;
  return {
    onTime: await queryRows(
      db,
      sql`SELECT area_code, grid_code, tier, month::text AS month, sum(done)::int AS done, sum(on_time)::int AS on_time
      FROM (SELECT * FROM care_ontime_rollup UNION ALL SELECT * FROM care_ontime_delta) r WHERE area_code LIKE ${prefix}
      GROUP BY 1, 2, 3, 4 HAVING sum(done) <> 0 OR sum(on_time) <> 0 ORDER BY area_code, grid_code COLLATE "C", tier, month`,
    ),
    overdue: await queryRows(
      db,
      sql`SELECT area_code, grid_code, assignee_id, sum(d1to7)::int AS d1to7, sum(d8to30)::int AS d8to30, sum(over30)::int AS over30
      FROM (SELECT area_code, grid_code, assignee_id, d1to7, d8to30, over30 FROM care_overdue_rollup
            UNION ALL SELECT area_code, grid_code, assignee_id, d1to7, d8to30, over30 FROM care_overdue_delta) r WHERE area_code LIKE ${prefix}
      GROUP BY 1, 2, 3 HAVING sum(d1to7 + d8to30 + over30) <> 0 ORDER BY area_code, grid_code COLLATE "C", assignee_id`,
    ),
  };
}

/** The folded copy (migration 0041) and the rows per group (0042) must follow the base after every fold and rebuild. */
async function expectSummaryEqualsBase(label: string): Promise<void> {
  const db = t.app.ctx.db;
  const rows = (table: string, order: string) =>
    queryRows(db, sql`SELECT * FROM ${sql.identifier(table)} ORDER BY ${sql.raw(order)}`);
  expect(await rows('care_ontime_summary', '1, 2, 3, 4'), `${label}: on-time copy`).toEqual(
    await rows('care_ontime_rollup', '1, 2, 3, 4'),
  );
  expect(await rows('care_overdue_summary', '1, 2, 3'), `${label}: overdue copy`).toEqual(
    await rows('care_overdue_rollup', '1, 2, 3'),
  );
  const { kept, summed } = await overdueByGroupAndBase(db);
  expect(kept, `${label}: overdue per worker, grid and community in each wider area (0042)`).toEqual(summed);
}

/**
 * Two red clients of one worker, in A's two grids: the first visited on time on its due day, the second left
 * overdue; the clock ends 20 days after the start, and the supervisor has looked at the dashboard (rollup as of then).
 */
async function oneOnTimeOneOverdue() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  const visited = await createClient(worker.client, org.communityA, { gridCode: org.gridsA[0] });
  const forgotten = await createClient(worker.client, org.communityA, { gridCode: org.gridsA[1] });
  for (const c of [visited, forgotten]) await assess(worker.client, c.id, 'red');
  await advanceDays(t, 7, worker.client); // 2026-01-12: both due today
  const due = (await worker.client.getAs(Worklist, '/api/care/worklist')).dueToday.find(
    (v) => v.clientId === visited.id,
  )!;
  await worker.client.postAs(RecordVisitResult, `/api/care/visits/${due.id}/record`, {
    outcome: 'done',
    mode: 'home',
    visitedOn: '2026-01-12',
  });
  await advanceDays(t, 13, worker.client, supervisor.client); // 2026-01-25: 12 and 5 days overdue
  await rollupAsOfToday();
  await supervisor.client.getAs(OverdueQueue, '/api/care/overdue');
  return { org, worker };
}

describe('dashboard rollups', () => {
  it('equal the naive aggregate after every kind of change to visits', async () => {
    const { org, users, supervisor } = await district();
    const random = generator(20261123);
    const expectEqual = (label: string) => expectRollupsEqualNaive(org, label);
    await expectEqual('after set-up');
    const recorded: Record<string, number> = {};
    for (let step = 0; step < 14; step++) {
      await advanceDays(t, 1 + random(6), ...users.map((u) => u.client), supervisor); // under 90 days in all: passwords expire after 90
      await expectEqual(`step ${step}: day rolled over`);
      const today = chinaToday(t.clock.now());
      for (const worker of users) {
        for (const visit of await plannedVisitsOf(worker.client)) {
          const roll = random(4);
          if (roll === 0) continue; // left overdue
          const body =
            roll === 3
              ? { outcome: 'missed', mode: 'phone', visitedOn: today, missedReason: 'not_home' }
              : {
                  outcome: 'done',
                  mode: 'home',
                  visitedOn: roll === 1 ? today : visit.windowStart < today ? visit.windowStart : today,
                };
          await worker.client.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, body);
          recorded[body.outcome] = (recorded[body.outcome] ?? 0) + 1;
        }
      }
      await expectEqual(`step ${step}: visits recorded`);
      if (step % 3 === 1) {
        await foldRollups(t.app.ctx.db); // later steps then run against a folded base plus fresh deltas
        await expectEqual(`step ${step}: folded`);
        await expectSummaryEqualsBase(`step ${step}: folded`);
      }
      if (step === 4) {
        await supervisor.postAs(CaseloadReassignResult, '/api/care/caseload/reassign', {
          gridCode: org.gridsA[1],
          toUserId: users[0]!.id,
        });
        await expectEqual('grid reassigned');
      }
      if (step === 8) {
        // What an area merge does to visits: re-code community and grid columns in one transaction.
        await t.app.ctx.db.transaction(async (tx) => recodeAreaOwnedRows(tx, org.gridsB[0]!, org.gridsB[1]!));
        await expectEqual('grid merged');
      }
    }
    // The seed fixes the sequence, so it exercised both outcomes this often (were the generator stuck on one branch,
    // this test would be hollow); a change to the set-up or the seed changes these figures.
    expect(recorded).toEqual(RECORDED_BY_THE_SEED);
  });

  it('updates the overdue counts within the day, without waiting for the daily rebuild', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const c = await createClient(worker.client, org.communityA, { gridCode: org.gridsA[1] });
    await assess(worker.client, c.id, 'red');
    await advanceDays(t, 20, worker.client, supervisor.client); // 2026-01-25: due 01-12, window closed 01-13
    await rollupAsOfToday();
    const before = await supervisor.client.getAs(OverdueQueue, '/api/care/overdue');
    expect(before.byWorker).toEqual([
      expect.objectContaining({ key: worker.id, d1to7: 0, d8to30: 1, over30: 0, total: 1 }),
    ]);
    const [visit] = await plannedVisitsOf(worker.client);
    expect(visit).toMatchObject({ clientId: c.id, dueDate: '2026-01-12' });
    await worker.client.postAs(RecordVisitResult, `/api/care/visits/${visit!.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: '2026-01-25',
    });
    const after = await supervisor.client.getAs(OverdueQueue, '/api/care/overdue');
    expect(after.byWorker).toEqual([]);
    expect(after.onTimePeriod).toEqual({ from: '2025-11-01', until: '2026-02-01' });
    expect(after.onTimeRateByTier.find((r) => r.tier === 'red')).toEqual({ tier: 'red', done: 1, onTime: 0, rate: 0 });
  });

  it('folds deltas into the base without changing any figure', async () => {
    const db = t.app.ctx.db;
    const deltas = async () =>
      Number(
        (
          await queryRows<{ n: number }>(
            db,
            sql`SELECT (SELECT count(*) FROM care_ontime_delta) + (SELECT count(*) FROM care_overdue_delta) AS n`,
          )
        )[0]!.n,
      );
    const { org, worker } = await oneOnTimeOneOverdue();
    await foldRollups(db); // the set-up's deltas, and any earlier test's
    const rows = await rollupRowsOf(org);
    // Recording the overdue visit late appends three deltas: a done visit in its grid's and its community's on-time
    // rows, and one fewer overdue visit in its bucket. (The app folds every 5 s as well; a fold landing between the
    // record and the count would empty them early.)
    const late = (await worker.client.getAs(Worklist, '/api/care/worklist')).overdue.find((v) => v.overdueDays === 12)!;
    await worker.client.postAs(RecordVisitResult, `/api/care/visits/${late.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: '2026-01-25',
    });
    expect(await deltas()).toBe(3);
    await expectRollupsEqualNaive(org, 'before the fold');
    const before = await rollupRowsOf(org);
    expect(before).not.toEqual(rows);
    expect(await foldRollups(db)).toBe(3);
    expect(await deltas()).toBe(0);
    await expectRollupsEqualNaive(org, 'after the fold');
    expect(await rollupRowsOf(org)).toEqual(before);
  });

  it('rebuilds to the same contents as the trigger maintained', async () => {
    const db = t.app.ctx.db;
    const { org, worker } = await oneOnTimeOneOverdue();
    await foldRollups(db);
    expect(await rollupRowsOf(org)).toEqual({
      onTime: [org.gridsA[0]!, '*']
        .map((grid) => ({
          area_code: org.communityA,
          grid_code: grid,
          tier: 'red',
          month: '2026-01-01',
          done: 1,
          on_time: 1,
        }))
        .reverse(),
      overdue: [
        { area_code: org.communityA, grid_code: org.gridsA[0], assignee_id: worker.id, d1to7: 1, d8to30: 0, over30: 0 }, // the next visit, due 01-19
        { area_code: org.communityA, grid_code: org.gridsA[1], assignee_id: worker.id, d1to7: 0, d8to30: 1, over30: 0 },
      ],
    });
    // The whole tables, other tests' districts included.
    const snapshot = async () => ({
      onTime: await queryRows(
        db,
        sql`SELECT * FROM care_ontime_rollup WHERE done <> 0 OR on_time <> 0 ORDER BY 1, 2, 3, 4`,
      ),
      overdue: await queryRows(
        db,
        sql`SELECT * FROM care_overdue_rollup WHERE d1to7 + d8to30 + over30 <> 0 ORDER BY 1, 2, 3`,
      ),
    });
    const maintained = await snapshot();
    await db.execute(sql`SELECT care_rebuild_ontime()`);
    const [state] = await queryRows<{ as_of: string }>(
      db,
      sql`SELECT overdue_as_of::text AS as_of FROM care_rollup_state`,
    );
    await db.execute(sql`SELECT care_rebuild_overdue(${state!.as_of}::date, true)`);
    expect(await snapshot()).toEqual(maintained);
    await expectSummaryEqualsBase('after both rebuilds');
    expect((await rollupRowsOf(org)).onTime).toHaveLength(2);
  });
  it('gives a street or wider dashboard the folded copy on a Citus cluster, equal to the live figures once folded', async () => {
    const db = t.app.ctx.db;
    const { org, worker } = await oneOnTimeOneOverdue();
    const today = chinaToday(t.clock.now());
    const district = [scopePrefix(org.district)];
    const onCitus = process.env.LINLI_TEST_CITUS === '1';
    expect(await dashboardSource(db, district)).toBe(onCitus ? 'folded' : 'live');
    expect(await dashboardSource(db, [org.communityA])).toBe('live');
    expect(await dashboardSource(db, [org.gridsA[0]!])).toBe('live');
    // A visit recorded late: the live figures move at once, the folded copy with the next fold.
    const late = (await worker.client.getAs(Worklist, '/api/care/worklist')).overdue.find((v) => v.overdueDays === 12)!;
    await worker.client.postAs(RecordVisitResult, `/api/care/visits/${late.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: today,
    });
    const figures = async (source: 'live' | 'folded') => ({
      overdue: (await overdueBuckets(db, district, 'assignee_id', undefined, source)).rows,
      onTime: sortByTier(await onTimeByTier(db, district, today, source)),
    });
    const live = await figures('live');
    expect(live.overdue).toEqual([expect.objectContaining({ key: worker.id, d1to7: 1, d8to30: 0, over30: 0 })]);
    expect(live.onTime).toEqual([{ tier: 'red', done: 2, on_time: 1 }]);
    await foldRollups(db);
    expect(await figures('folded')).toEqual(live);
    await expectSummaryEqualsBase('after the fold');
    // What a district officer's dashboard reads, wherever it runs.
    const aggregates = await dashboardAggregates(db, district, today);
    expect(aggregates.byWorker.rows).toEqual(live.overdue);
    expect(sortByTier(aggregates.onTime)).toEqual(live.onTime);
  });
});
