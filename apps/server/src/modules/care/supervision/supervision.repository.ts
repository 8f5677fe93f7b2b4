import { inSameArea } from '../../../platform/colocated';
import { and, asc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { inAreaOrGrid, inCommunities, inCommunityOrGrid, inScope, scopeCommunities } from '../../../platform/access';
import { runsOnCitus } from '../../../platform/citus';
import { queryRows, type DbOrTx } from '../../../platform/db';
import { clients } from '../clients/clients.tables';
import { visits } from '../visits/visits.tables';
import {
  foldedGroupsInWiderArea,
  groupsOf,
  keptArea,
  type OverdueGrouping,
  type OverdueGroups,
  type OverdueRow,
  type OverdueRowWithTotals,
  overdueInWiderArea,
  type RollupSource,
} from './overdue-groups.repository';

export type { OverdueGrouping, OverdueGroups, OverdueRow, RollupSource } from './overdue-groups.repository';

/** Planned visits whose window closed on or before `before`, oldest first. */
export function overdueVisits(db: DbOrTx, filter: { prefixes: readonly string[]; before: string; visibleClient: SQL }) {
  return db
    .select({ visit: visits, clientName: clients.name })
    .from(visits)
    .innerJoin(clients, inSameArea(eq(clients.id, visits.clientId), clients, visits))
    .where(
      and(
        eq(visits.status, 'planned'),
        lte(visits.windowEnd, filter.before),
        inCommunityOrGrid(visits.areaCode, visits.gridCode, filter.prefixes),
        filter.visibleClient,
      ),
    )
    .orderBy(asc(visits.windowEnd))
    .limit(1000);
}

/**
 * Moves every client in the jurisdiction that is on a grid (or assigned to a worker) to another worker, bumping
 * each version; returns the clients moved (id and community).
 */
export async function reassignClients(
  db: DbOrTx,
  prefixes: readonly string[],
  from: { gridCode?: string | undefined; fromUserId?: string | undefined },
  toUserId: string,
  at: Date,
): Promise<{ id: string; areaCode: string }[]> {
  const match = and(
    inCommunities(clients.areaCode, scopeCommunities(prefixes)),
    inScope(clients.areaCode, prefixes),
    from.gridCode ? eq(clients.gridCode, from.gridCode) : eq(clients.assigneeId, from.fromUserId!),
  );
  return db
    .update(clients)
    .set({ assigneeId: toUserId, version: sql`${clients.version} + 1`, updatedAt: at })
    .where(match)
    .returning({ id: clients.id, areaCode: clients.areaCode });
}

/** Gives these clients' open visits to their new worker; returns how many moved. */
export async function reassignPlannedOf(
  db: DbOrTx,
  clientIds: string[],
  assigneeId: string,
  at: Date,
): Promise<number> {
  const rows = await db
    .update(visits)
    .set({ assigneeId, updatedAt: at })
    .where(and(inArray(visits.clientId, clientIds), eq(visits.status, 'planned')))
    .returning({ id: visits.id });
  return rows.length;
}

export interface OnTimeRow extends Record<string, unknown> {
  tier: string;
  done: number;
  on_time: number;
}

/**
 * The dashboard's on-time period: calendar months, this month and the two before it. Whole months, because the
 * maintained rollup counts by month; returns [first day, first day of next month).
 */
export function onTimePeriod(today: string): { from: string; until: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const month = (offset: number) => {
    const d = new Date(Date.UTC(y, m - 1 + offset, 1));
    return d.toISOString().slice(0, 10);
  };
  return { from: month(-2), until: month(1) };
}

const OVERDUE_ROWS: Record<RollupSource, SQL> = {
  live: sql.raw(`(SELECT area_code, grid_code, assignee_id, d1to7, d8to30, over30 FROM care_overdue_rollup
  UNION ALL SELECT area_code, grid_code, assignee_id, d1to7, d8to30, over30 FROM care_overdue_delta)`),
  folded: sql.raw('care_overdue_summary'),
};
const ONTIME_ROWS: Record<RollupSource, SQL> = {
  live: sql.raw(`(SELECT area_code, grid_code, tier, month, done, on_time FROM care_ontime_rollup
  UNION ALL SELECT area_code, grid_code, tier, month, done, on_time FROM care_ontime_delta)`),
  folded: sql.raw('care_ontime_summary'),
};

/**
 * The source of a dashboard over `prefixes`: the folded copy for a street or wider jurisdiction on a Citus cluster
 * (there the live rollups cost a task per shard: 140–740 ms for a district on the test cluster), else the live sum
 * (a community's dashboard is one shard on a cluster, and one PostgreSQL reads the live sum as one local query).
 */
export async function dashboardSource(db: DbOrTx, prefixes: readonly string[]): Promise<RollupSource> {
  if (scopeCommunities(prefixes) !== null) return 'live';
  return (await runsOnCitus(db)) ? 'folded' : 'live';
}

/** Folds the rollup deltas into the base tables (one folder at a time; returns -1 when another is running). */
export async function foldRollups(db: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT care_fold_rollups() AS n`);
  return Number(row?.n ?? 0);
}

/** Brings the overdue rollup to `today` (the first request of a day rebuilds it; later ones return at once). */
export async function ensureOverdueRollup(db: DbOrTx, today: string): Promise<void> {
  await db.execute(sql`SELECT care_rebuild_overdue(${today}::date)`);
}

/**
 * Overdue planned visits in ageing buckets, grouped by a column, from the maintained rollup (as of `today`), worst
 * first, each with its label (the worker's display name or the area's name) joined in, so the dashboard needs no
 * second trip. With `top`, only the worst `top` groups; every row still carries the number of groups and their sums,
 * so a district's dashboard with thousands of workers answers with a page, not all of them (issue 13 goal 3).
 * (A read-only lookup of two other modules' name columns, kept in SQL for that one round trip.) One street,
 * district, city or province reads the rows kept per group instead (overdue-groups.repository.ts): same answer, no grouping.
 */
export async function overdueBuckets(
  db: DbOrTx,
  prefixes: readonly string[],
  groupBy: OverdueGrouping,
  top?: number,
  source: RollupSource = 'live',
): Promise<OverdueGroups> {
  const kept = keptArea(prefixes);
  if (kept)
    return source === 'live'
      ? overdueInWiderArea(db, kept, groupBy, top)
      : (await foldedGroupsInWiderArea(db, kept, top))[groupBy];
  const key = sql.raw(groupBy === 'area_code' ? 'r.area_code' : `NULLIF(r.${groupBy}, '')`);
  const label =
    groupBy === 'assignee_id'
      ? // The key cast, not the column: an index probe per group (u.id::text read every user for each group: 135 ms
        // for a supervisor's 55 workers on the city data set on Citus).
        sql`(SELECT u.display_name FROM users u WHERE u.id = b.key::uuid)`
      : sql`(SELECT a.name FROM areas a WHERE a.code = b.key)`;
  const limit = top === undefined ? sql`` : sql` LIMIT ${top}`;
  // The totals come from the groups once more rather than from window functions over them: for a district's 5,600
  // workers at city scale on PostgreSQL the windows' `count(*) OVER ()` and `sum(sum(…)) OVER ()` took as long as
  // the grouping (27 → 10.5 ms for the statement; same rows, checked).
  const rows = await queryRows<OverdueRowWithTotals>(
    db,
    sql`
    WITH g AS (
      SELECT ${key} AS key, sum(r.d1to7)::int AS d1to7, sum(r.d8to30)::int AS d8to30, sum(r.over30)::int AS over30
      FROM ${OVERDUE_ROWS[source]} r
      WHERE ${inCommunityOrGrid(sql`r.area_code`, sql`r.grid_code`, prefixes)}
      GROUP BY 1 HAVING sum(r.d1to7 + r.d8to30 + r.over30) > 0
    ), totals AS (
      SELECT count(*)::int AS groups, sum(d1to7)::int AS all_d1to7, sum(d8to30)::int AS all_d8to30,
        sum(over30)::int AS all_over30
      FROM g
    )
    SELECT b.key, ${label} AS label, b.d1to7, b.d8to30, b.over30, t.groups, t.all_d1to7, t.all_d8to30, t.all_over30
    FROM (SELECT * FROM g ORDER BY over30 DESC, d8to30 DESC, d1to7 DESC, key${limit}) b CROSS JOIN totals t
    ORDER BY b.over30 DESC, b.d8to30 DESC, b.d1to7 DESC, b.key`,
  );
  return groupsOf(rows);
}

/**
 * Done visits per tier in the on-time period, and how many were done by the end of their window, from the rollup:
 * communities in the jurisdiction through their total rows ('*'), plus the grids of a grid-level grant whose
 * community is not itself in the jurisdiction (so nothing is counted twice; inAreaOrGrid's meaning exactly).
 */
export function onTimeByTier(db: DbOrTx, prefixes: readonly string[], today: string, source: RollupSource = 'live') {
  const { from, until } = onTimePeriod(today);
  const gridPrefixes = prefixes.filter((p) => p.length > 12);
  const viaGrids = gridPrefixes.length
    ? sql` OR (r.grid_code <> '*' AND ${inScope(sql`r.grid_code`, gridPrefixes)} AND NOT ${inScope(sql`r.area_code`, prefixes)})`
    : sql``;
  // A grid's rows carry its community's code: naming the communities (when the scope is communities or grids) keeps
  // the read on their shards on Citus and changes nothing else.
  const communities = inCommunities(sql`r.area_code`, scopeCommunities(prefixes));
  return queryRows<OnTimeRow>(
    db,
    sql`
    SELECT r.tier, sum(r.done)::int AS done, sum(r.on_time)::int AS on_time
    FROM ${ONTIME_ROWS[source]} r
    WHERE r.month >= ${from}::date AND r.month < ${until}::date${communities ? sql` AND ${communities}` : sql``}
      AND ((r.grid_code = '*' AND ${inScope(sql`r.area_code`, prefixes)})${viaGrids})
    GROUP BY r.tier HAVING sum(r.done) > 0`,
  );
}

/**
 * Everything the supervision dashboard aggregates, in parallel, from the rollups (call ensureOverdueRollup first),
 * read where dashboardSource says.
 */
export async function dashboardAggregates(db: DbOrTx, prefixes: readonly string[], today: string, top?: number) {
  const source = await dashboardSource(db, prefixes);
  const kept = keptArea(prefixes);
  if (source === 'folded' && kept) {
    const [groups, onTime] = await Promise.all([
      foldedGroupsInWiderArea(db, kept, top),
      onTimeByTier(db, prefixes, today, source),
    ]);
    return { byWorker: groups.assignee_id, byGrid: groups.grid_code, byCommunity: groups.area_code, onTime };
  }
  const [byWorker, byGrid, byCommunity, onTime] = await Promise.all([
    overdueBuckets(db, prefixes, 'assignee_id', top, source),
    overdueBuckets(db, prefixes, 'grid_code', top, source),
    overdueBuckets(db, prefixes, 'area_code', top, source),
    onTimeByTier(db, prefixes, today, source),
  ]);
  return { byWorker, byGrid, byCommunity, onTime };
}

/** The same buckets straight from `visits` (what the rollup must always equal; used by tests and the benchmark). */
export function overdueBucketsNaive(db: DbOrTx, prefixes: readonly string[], today: string, groupBy: OverdueGrouping) {
  const column = sql.identifier(groupBy);
  const age = sql`(${today}::date - v.window_end)`;
  return queryRows<OverdueRow>(
    db,
    sql`
    SELECT v.${column}::text AS key,
      count(*) FILTER (WHERE ${age} BETWEEN 1 AND 7)::int AS d1to7,
      count(*) FILTER (WHERE ${age} BETWEEN 8 AND 30)::int AS d8to30,
      count(*) FILTER (WHERE ${age} > 30)::int AS over30
    FROM visits v
    WHERE v.status = 'planned' AND v.window_end < ${today}::date AND ${inAreaOrGrid(sql`v.area_code`, sql`v.grid_code`, prefixes)}
    GROUP BY v.${column} ORDER BY 4 DESC, 3 DESC, 2 DESC, 1`,
  );
}

/** The on-time counts straight from `visits` (see overdueBucketsNaive). */
export function onTimeByTierNaive(db: DbOrTx, prefixes: readonly string[], today: string) {
  const { from, until } = onTimePeriod(today);
  return queryRows<OnTimeRow>(
    db,
    sql`
    SELECT v.tier, count(*)::int AS done, count(*) FILTER (WHERE v.visited_on <= v.window_end)::int AS on_time
    FROM visits v
    WHERE v.status = 'done' AND v.tier IS NOT NULL AND v.visited_on >= ${from}::date AND v.visited_on < ${until}::date
      AND ${inAreaOrGrid(sql`v.area_code`, sql`v.grid_code`, prefixes)}
    GROUP BY v.tier`,
  );
}
