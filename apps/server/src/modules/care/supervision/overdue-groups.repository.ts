import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../platform/db';

export interface OverdueRow extends Record<string, unknown> {
  key: string | null;
  /** The worker's display name or the area's name (rollup queries only). */
  label?: string | null;
  d1to7: number;
  d8to30: number;
  over30: number;
}
/** One grouping of the overdue dashboard: its worst rows, how many groups it has in all, and their sums. */
export interface OverdueGroups {
  rows: OverdueRow[];
  groups: number;
  sums: { d1to7: number; d8to30: number; over30: number };
}
/** A row of a dashboard statement: one group, and the whole grouping's count and sums. */
export interface OverdueRowWithTotals extends OverdueRow {
  groups: number;
  all_d1to7: number;
  all_d8to30: number;
  all_over30: number;
}
export type OverdueGrouping = 'assignee_id' | 'grid_code' | 'area_code';

/**
 * Where a dashboard reads the rollups. 'live': what they hold at any snapshot, the folded base plus the deltas
 * appended since (migration 0008), exact. 'folded': the copy of the folded base on the coordinator (migration 0041),
 * one local read on a Citus cluster, behind the live figures by the deltas not yet folded (at most one fold, 5 s).
 */
export type RollupSource = 'live' | 'folded';

/** Every row carries the whole grouping's count and sums; no rows means nothing overdue. */
export function groupsOf(rows: OverdueRowWithTotals[]): OverdueGroups {
  const first = rows[0];
  return {
    rows: rows.map(({ key, label, d1to7, d8to30, over30 }) => ({ key, label, d1to7, d8to30, over30 })),
    groups: first?.groups ?? 0,
    sums: { d1to7: first?.all_d1to7 ?? 0, d8to30: first?.all_d8to30 ?? 0, over30: first?.all_over30 ?? 0 },
  };
}

// The rows kept per worker, grid and community in each wider area (care_overdue_by_group, migration 0042).

/** Whether care_overdue_by_group keeps rows for this scope prefix: a province, city, district or street code. */
const keptForArea = (prefix: string) => [2, 4, 6, 9].includes(prefix.length);

/** The one wider area whose groups are kept, when a jurisdiction is exactly that (else null: grouped per call). */
export function keptArea(prefixes: readonly string[]): string | null {
  const [only] = prefixes;
  return prefixes.length === 1 && only && keptForArea(only) ? only : null;
}

/** The table's `grouped_by` for each grouping of the dashboard. */
const GROUPED_BY: Record<OverdueGrouping, string> = { assignee_id: 'w', grid_code: 'g', area_code: 'c' };

/** The dashboard's order, worst first; '' (no worker, no grid) after a group with the same counts. */
const worstFirst = (t: string) =>
  sql.raw(`${t}.over30 DESC, ${t}.d8to30 DESC, ${t}.d1to7 DESC, ${t}.key = '', ${t}.key`);
const hasOverdue = (t: string) => sql.raw(`${t}.d1to7 + ${t}.d8to30 + ${t}.over30 > 0`);

/**
 * overdueBuckets for one street, district, city or province, from the rows kept per group in each (migration 0042)
 * instead of grouping every rollup row of the area: the same rows, order and totals.
 *
 * It adds the deltas not yet folded, exactly: only the groups with a delta (k of them) can move, so the worst `top`
 * are among the worst `top + k` of the folded rows and those k (a group outside both has at least `top` groups
 * without a delta above it, before and after). Without the deltas (Citus): foldedGroupsInWiderArea.
 */
export async function overdueInWiderArea(
  db: DbOrTx,
  area: string,
  groupBy: OverdueGrouping,
  top: number | undefined,
): Promise<OverdueGroups> {
  const groupedBy = GROUPED_BY[groupBy];
  // The deltas by `left(area_code, n)`, not LIKE: a statement with no pattern among its values is prepared once
  // per connection (pg-statements.ts); the delta table holds a few seconds' changes, so a scan of it is cheap.
  const pending = sql`SELECT ${sql.identifier(groupBy)} AS key, sum(d1to7)::int AS d1to7,
      sum(d8to30)::int AS d8to30, sum(over30)::int AS over30
    FROM care_overdue_delta WHERE left(area_code, ${area.length}) = ${area} GROUP BY 1`;
  const label =
    groupBy === 'assignee_id'
      ? sql`(SELECT u.display_name FROM users u WHERE u.id = NULLIF(b.key, '')::uuid)`
      : sql`(SELECT a.name FROM areas a WHERE a.code = b.key)`;
  const limit = top ?? null; // LIMIT NULL: every row
  // c: the candidates with their folded counts, read from the index (the worst) or by key (the groups with a
  // delta); g: their counts with the deltas added. The totals are the folded ones (an index-only count) plus what
  // the deltas change: groups gaining or losing their last overdue visit, and the sums.
  const rows = await queryRows<OverdueRowWithTotals>(
    db,
    sql`
    WITH d AS (${pending}),
    c AS (
      (SELECT w.key, w.d1to7, w.d8to30, w.over30 FROM care_overdue_by_group w
      WHERE w.area_code = ${area} AND w.grouped_by = ${groupedBy} AND ${hasOverdue('w')}
      ORDER BY ${worstFirst('w')} LIMIT ${limit} + (SELECT count(*) FROM d))
      UNION
      SELECT d.key, coalesce(w.d1to7, 0), coalesce(w.d8to30, 0), coalesce(w.over30, 0)
      FROM d LEFT JOIN care_overdue_by_group w ON w.area_code = ${area} AND w.grouped_by = ${groupedBy} AND w.key = d.key
    ), g AS (
      SELECT c.key, ${hasOverdue('c')} AS had, d.key IS NOT NULL AS moved,
        c.d1to7 + coalesce(d.d1to7, 0) AS d1to7, c.d8to30 + coalesce(d.d8to30, 0) AS d8to30,
        c.over30 + coalesce(d.over30, 0) AS over30
      FROM c LEFT JOIN d ON d.key = c.key
    ), totals AS MATERIALIZED (
      SELECT count(*)::int AS groups, coalesce(sum(w.d1to7), 0)::int AS d1to7,
        coalesce(sum(w.d8to30), 0)::int AS d8to30, coalesce(sum(w.over30), 0)::int AS over30
      FROM care_overdue_by_group w WHERE w.area_code = ${area} AND w.grouped_by = ${groupedBy} AND ${hasOverdue('w')}
    ), pending AS MATERIALIZED (
      SELECT coalesce(sum((${hasOverdue('g')})::int - g.had::int), 0)::int AS groups,
        coalesce(sum(g.d1to7 - c.d1to7), 0)::int AS d1to7, coalesce(sum(g.d8to30 - c.d8to30), 0)::int AS d8to30,
        coalesce(sum(g.over30 - c.over30), 0)::int AS over30
      FROM g JOIN c ON c.key = g.key WHERE g.moved
    )
    SELECT NULLIF(b.key, '') AS key, ${label} AS label,
      b.d1to7::int AS d1to7, b.d8to30::int AS d8to30, b.over30::int AS over30, t.groups + p.groups AS groups,
      t.d1to7 + p.d1to7 AS all_d1to7, t.d8to30 + p.d8to30 AS all_d8to30, t.over30 + p.over30 AS all_over30
    FROM (SELECT * FROM g WHERE ${hasOverdue('g')} ORDER BY ${worstFirst('g')} LIMIT ${limit}) b
    CROSS JOIN totals t CROSS JOIN pending p
    ORDER BY ${worstFirst('b')}`,
  );
  return groupsOf(rows);
}

export type OverdueByGrouping = Record<OverdueGrouping, OverdueGroups>;

/**
 * Every grouping of one street's, district's, city's or province's dashboard from the kept rows alone, as of the
 * last fold (the 'folded' source: a Citus cluster): one statement over the coordinator's plain table for the three
 * groupings, then one for their labels. Apart, because a statement naming a reference table (`users`, `areas`) is
 * planned by Citus on every run: the grouping statements with their labels joined took 1.95 ms p50 each on the test
 * cluster, the plain table's alone 0.1–0.5 ms.
 */
export async function foldedGroupsInWiderArea(
  db: DbOrTx,
  area: string,
  top: number | undefined,
): Promise<OverdueByGrouping> {
  const rows = await queryRows<OverdueRowWithTotals & { grouped_by: string }>(
    db,
    sql`
    WITH t AS (
      SELECT w.grouped_by, count(*)::int AS groups, sum(w.d1to7)::int AS d1to7, sum(w.d8to30)::int AS d8to30,
        sum(w.over30)::int AS over30
      FROM care_overdue_by_group w WHERE w.area_code = ${area} AND ${hasOverdue('w')} GROUP BY w.grouped_by
    )
    SELECT t.grouped_by, NULLIF(p.key, '') AS key, NULL::text AS label, p.d1to7, p.d8to30, p.over30, t.groups,
      t.d1to7 AS all_d1to7, t.d8to30 AS all_d8to30, t.over30 AS all_over30
    FROM t CROSS JOIN LATERAL (
      SELECT w.key, w.d1to7, w.d8to30, w.over30 FROM care_overdue_by_group w
      WHERE w.area_code = ${area} AND w.grouped_by = t.grouped_by AND ${hasOverdue('w')}
      ORDER BY ${worstFirst('w')} LIMIT ${top ?? null}
    ) p
    ORDER BY t.grouped_by, ${worstFirst('p')}`,
  );
  const labelled = await withLabels(db, rows);
  const of = (groupBy: OverdueGrouping) => groupsOf(labelled.filter((r) => r.grouped_by === GROUPED_BY[groupBy]));
  return { assignee_id: of('assignee_id'), grid_code: of('grid_code'), area_code: of('area_code') };
}

/** The rows with their labels (the worker's display name, the area's name) read by key in one statement. */
async function withLabels<Row extends OverdueRow & { grouped_by: string }>(db: DbOrTx, rows: Row[]): Promise<Row[]> {
  const keysOf = (worker: boolean) =>
    rows.flatMap((r) => (r.key !== null && (r.grouped_by === GROUPED_BY.assignee_id) === worker ? [r.key] : []));
  const [workers, areas] = [keysOf(true), keysOf(false)];
  if (workers.length + areas.length === 0) return rows;
  const names = await queryRows<{ worker: boolean; key: string; label: string }>(
    db,
    sql`SELECT true AS worker, u.id::text AS key, u.display_name AS label FROM users u
      WHERE u.id = ANY(${sql.param(workers)}::uuid[])
    UNION ALL
    SELECT false, a.code, a.name FROM areas a WHERE a.code = ANY(${sql.param(areas)}::text[])`,
  );
  const byKey = new Map(names.map((n) => [`${n.worker}:${n.key}`, n.label]));
  return rows.map((r) => ({
    ...r,
    label: r.key === null ? null : (byKey.get(`${r.grouped_by === GROUPED_BY.assignee_id}:${r.key}`) ?? null),
  }));
}
