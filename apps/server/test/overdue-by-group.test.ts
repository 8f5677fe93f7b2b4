import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { scopePrefix } from '../src/platform/access';
import { chinaToday } from '../src/platform/dates';
import { queryRows } from '../src/platform/db';
import {
  ensureOverdueRollup,
  foldRollups,
  overdueBuckets,
  type OverdueGrouping,
  type RollupSource,
} from '../src/modules/care/supervision/supervision.repository';
import { buildOrg, createUser } from './factories/org';
import { overdueByGroupAndBase } from './factories/rollups';
import { useTestApp } from './harness';

// A street's, district's or city's overdue dashboard reads the rows kept per worker, grid and community in each wider
// area (migration 0042) instead of grouping every rollup row. It must give what grouping gives — the same worst groups
// in the same order, the same number of groups and the same sums — with deltas folded or still pending, whatever
// the page size. The grouped statement is still what serves several prefixes, so the same area written twice is
// the reference (each row matched once either way).

const t = useTestApp();

type Counts = [d1to7: number, d8to30: number, over30: number];

/** Appends overdue deltas as the visits trigger would: (community, grid, worker) and the change in each bucket. */
async function appendDeltas(rows: [area: string, grid: string, worker: string, counts: Counts][]) {
  for (const [area, grid, worker, [d1to7, d8to30, over30]] of rows)
    await t.app.ctx.db
      .execute(sql`INSERT INTO care_overdue_delta (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
      VALUES (${area}, ${grid}, ${worker}, ${d1to7}, ${d8to30}, ${over30})`);
}

async function expectKeptRowsEqualBase(label: string) {
  const { kept, summed } = await overdueByGroupAndBase(t.app.ctx.db);
  expect(kept, label).toEqual(summed);
}

/** Both ways of reading each grouping of `prefix`, for every page size from 1 to past the end. */
async function expectBothWaysEqual(prefix: string, label: string, source: RollupSource = 'live') {
  const db = t.app.ctx.db;
  for (const groupBy of ['assignee_id', 'grid_code', 'area_code'] as OverdueGrouping[]) {
    const all = await overdueBuckets(db, [prefix, prefix], groupBy, undefined, source);
    expect(all.groups, `${label}: some ${groupBy} groups are overdue`).toBeGreaterThan(0);
    for (const top of [undefined, ...Array.from({ length: all.groups + 1 }, (_, i) => i + 1)]) {
      const kept = await overdueBuckets(db, [prefix], groupBy, top, source);
      const grouped = await overdueBuckets(db, [prefix, prefix], groupBy, top, source);
      expect(kept, `${label}, ${source}, by ${groupBy}, top ${top}`).toEqual(grouped);
    }
  }
}

describe('overdue by worker, grid and community in a street, district or city', () => {
  it('equals grouping every rollup row, folded or with deltas pending, for every page size', async () => {
    const db = t.app.ctx.db;
    await ensureOverdueRollup(db, chinaToday(t.clock.now())); // no daily rebuild during the test
    const org = await buildOrg(t.app.ctx);
    const [a, b, c] = [org.communityA, org.communityB, org.communityC]; // A and B in street A, C in street B
    // Fixed ids, so that the tie of w1 and w2 has a known order (by id); w4 and w6 are accounts, with names.
    const [w1, w2, w3, w5] = [1, 2, 3, 5].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
    const [w4, w6] = [
      (await createUser(t.app.ctx, { roles: ['community_worker'], areas: [c] })).id,
      (await createUser(t.app.ctx, { roles: ['community_worker'], areas: [a] })).id,
    ];
    // Ties (w1 and w2; w3 with the unassigned bucket ''), a worker in two communities and two grids (w1).
    await appendDeltas([
      [a, org.gridsA[0]!, w1!, [1, 2, 3]],
      [b, '', w1!, [1, 0, 0]],
      [a, org.gridsA[1]!, w2!, [2, 2, 3]],
      [a, '', w3!, [0, 1, 0]],
      [a, '', '', [0, 1, 0]],
      [c, org.gridsB[0]!, w4, [0, 0, 5]],
      [b, '', w5!, [4, 0, 0]],
    ]);
    await foldRollups(db);
    await expectKeptRowsEqualBase('after the fold');
    const areas = [org.district, org.streetA, org.streetB].map(scopePrefix);
    for (const prefix of areas) await expectBothWaysEqual(prefix, `folded, ${prefix}`);
    // Pending: the worst worker (w4) falls to the bottom, so the first page's next worker (w1) is one with no delta;
    // w5 loses its last overdue visit, w6 appears, w3 climbs from outside the first three into them.
    await appendDeltas([
      [c, org.gridsB[0]!, w4, [0, 0, -5]],
      [c, org.gridsB[0]!, w4, [1, 0, 0]],
      [b, '', w5!, [-4, 0, 0]],
      [a, '', w6, [0, 3, 1]],
      [a, '', w3!, [0, 0, 2]],
    ]);
    for (const prefix of areas) await expectBothWaysEqual(prefix, `pending, ${prefix}`);
    // The city (the district's first four digits) holds other tests' rows too; it still matches.
    await expectBothWaysEqual(org.district.slice(0, 4), 'pending, the city');
    const district = await overdueBuckets(db, [scopePrefix(org.district)], 'assignee_id', 3);
    expect(district.rows.map((r) => [r.key, r.d1to7, r.d8to30, r.over30])).toEqual([
      [w1, 2, 2, 3],
      [w2, 2, 2, 3],
      [w3, 0, 1, 2],
    ]);
    expect(district.groups).toBe(6); // w1, w2, w3, w4, w6 and the unassigned bucket; not w5
    expect(district.sums).toEqual({ d1to7: 5, d8to30: 9, over30: 9 });
    // By community: A (w1's row in grid A1, w2, w3, w6 and no worker) first, then B (w1's other row; w5's fell to
    // nothing) and C (w4), equal, by code. By grid: no grid ('') first on its 8–30 days, then A's two grids (A2 on
    // its 1–7 days), then C's grid.
    const inDistrict = [scopePrefix(org.district)];
    const communities = await overdueBuckets(db, inDistrict, 'area_code');
    expect(communities.rows.map((r) => [r.key, r.d1to7, r.d8to30, r.over30])).toEqual([
      [a, 3, 9, 9],
      [b, 1, 0, 0],
      [c, 1, 0, 0],
    ]);
    const grids = await overdueBuckets(db, inDistrict, 'grid_code');
    expect(grids.rows.map((r) => [r.key, r.d1to7, r.d8to30, r.over30])).toEqual([
      [null, 1, 5, 3],
      [org.gridsA[1], 2, 2, 3],
      [org.gridsA[0], 1, 2, 3],
      [org.gridsB[0], 1, 0, 0],
    ]);
    expect([communities.groups, grids.groups]).toEqual([3, 4]);
    await foldRollups(db);
    await expectKeptRowsEqualBase('after the second fold');
    for (const prefix of areas) {
      await expectBothWaysEqual(prefix, `folded again, ${prefix}`);
      // Folded, the kept rows alone (what a Citus cluster reads, their labels read apart) give the same.
      await expectBothWaysEqual(prefix, `folded again, ${prefix}`, 'folded');
    }
    const named = (await overdueBuckets(db, [scopePrefix(org.district)], 'assignee_id', undefined, 'folded')).rows;
    expect(named.find((r) => r.key === w6)?.label).toMatch(/^测试用户/);
    expect(named.find((r) => r.key === w1)?.label).toBeNull(); // no such account
    const areaNamed = (await overdueBuckets(db, [scopePrefix(org.district)], 'area_code', undefined, 'folded')).rows;
    expect(areaNamed.every((r) => typeof r.label === 'string' && r.label.length > 0)).toBe(true);
    // The daily rebuild recomputes the kept rows from the visits (none here: the crafted rows go).
    const [state] = await queryRows<{ as_of: string }>(
      db,
      sql`SELECT overdue_as_of::text AS as_of FROM care_rollup_state`,
    );
    await db.execute(sql`SELECT care_rebuild_overdue(${state!.as_of}::date, true)`);
    await expectKeptRowsEqualBase('after the rebuild');
    expect((await overdueBuckets(db, [scopePrefix(org.district)], 'assignee_id', 3)).groups).toBe(0);
  });
});
