import { type SQL, sql } from 'drizzle-orm';
import { inScope } from '../../../platform/access';
import { type DbOrTx, queryRows } from '../../../platform/db';

/** The requests a figure or an export covers: received (created_at) in [start, end), inside the prefixes. */
export interface PeriodScope {
  prefixes: readonly string[];
  start: Date;
  end: Date;
}

export interface FigureCounts {
  received: number;
  accepted: number;
  signedOnTime: number;
  signBase: number;
  resolvedOnTime: number;
  resolveBase: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  unrated: number;
  resolved: number;
  medianHours: number | null;
  p90Hours: number | null;
}

const where = (s: PeriodScope) =>
  sql`${inScope(sql`r.area_code`, s.prefixes)} AND r.created_at >= ${s.start.toISOString()}::timestamptz AND r.created_at < ${s.end.toISOString()}::timestamptz`;

/**
 * The counts behind every ratio (contracts RequestFigureRow says what each one is). `now` decides "past due": an
 * unsigned request counts against 按时签收 once its sign_due_at has passed, an unresolved one against 按时办结 once
 * its due_at has; rejected and merged requests count in neither. Hours to resolve are the median and p90 by
 * percentile_cont (nulls, i.e. unresolved requests, are ignored by ordered-set aggregates).
 */
function aggregates(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const live = sql`r.status NOT IN ('rejected', 'merged')`;
  const hours = sql`extract(epoch FROM r.resolved_at - r.created_at)::float8 / 3600`;
  return sql`count(*)::int AS received,
    count(*) FILTER (WHERE ${live})::int AS accepted,
    count(*) FILTER (WHERE r.signed_at IS NOT NULL AND r.signed_at <= r.sign_due_at)::int AS signed_on_time,
    count(*) FILTER (WHERE r.signed_at IS NOT NULL OR (${live} AND r.sign_due_at < ${at}))::int AS sign_base,
    count(*) FILTER (WHERE r.resolved_at IS NOT NULL AND r.resolved_at <= r.due_at)::int AS resolved_on_time,
    count(*) FILTER (WHERE r.resolved_at IS NOT NULL OR (${live} AND r.due_at < ${at}))::int AS resolve_base,
    count(*) FILTER (WHERE r.rating = 'satisfied')::int AS satisfied,
    count(*) FILTER (WHERE r.rating = 'basically_satisfied')::int AS basically_satisfied,
    count(*) FILTER (WHERE r.rating = 'dissatisfied')::int AS dissatisfied,
    count(*) FILTER (WHERE r.rating = 'unrated')::int AS unrated,
    count(r.resolved_at)::int AS resolved,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours}) AS median_hours,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours}) AS p90_hours`;
}

const num = (v: unknown) => Number(v ?? 0);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
function counts(r: Record<string, unknown>): FigureCounts {
  return {
    received: num(r.received),
    accepted: num(r.accepted),
    signedOnTime: num(r.signed_on_time),
    signBase: num(r.sign_base),
    resolvedOnTime: num(r.resolved_on_time),
    resolveBase: num(r.resolve_base),
    satisfied: num(r.satisfied),
    basicallySatisfied: num(r.basically_satisfied),
    dissatisfied: num(r.dissatisfied),
    unrated: num(r.unrated),
    resolved: num(r.resolved),
    medianHours: numOrNull(r.median_hours),
    p90Hours: numOrNull(r.p90_hours),
  };
}

export interface UnitFigures extends FigureCounts {
  unitKind: string | null;
  unitAreaCode: string | null;
  unitOrganisationId: string | null;
  unitDepartment: string | null;
  unitLabel: string | null;
}

/** Per responsible unit (the current one: a transfer moves the request to the new unit's figures). */
export async function figuresByUnit(db: DbOrTx, scope: PeriodScope, now: Date): Promise<UnitFigures[]> {
  const rows = await queryRows(
    db,
    sql`SELECT r.unit_kind, r.unit_area_code, r.unit_organisation_id::text AS unit_organisation_id, r.unit_department,
        max(r.unit_label) AS unit_label, ${aggregates(now)}
      FROM requests r WHERE ${where(scope)}
      GROUP BY r.unit_kind, r.unit_area_code, r.unit_organisation_id, r.unit_department
      ORDER BY received DESC, r.unit_kind, r.unit_area_code, r.unit_department`,
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({
    unitKind: text(r.unit_kind),
    unitAreaCode: text(r.unit_area_code),
    unitOrganisationId: text(r.unit_organisation_id),
    unitDepartment: text(r.unit_department),
    unitLabel: text(r.unit_label),
    ...counts(r),
  }));
}

export interface CategoryFigures extends FigureCounts {
  categoryId: string;
  code: string | null;
  name: string | null;
}

/** Per category (the request's current category; its name from the category's current version). */
export async function figuresByCategory(db: DbOrTx, scope: PeriodScope, now: Date): Promise<CategoryFigures[]> {
  const rows = await queryRows(
    db,
    sql`SELECT f.*, c.code, v.name FROM (
        SELECT r.category_id, ${aggregates(now)} FROM requests r WHERE ${where(scope)} GROUP BY r.category_id
      ) f
      LEFT JOIN request_categories c ON c.id = f.category_id
      LEFT JOIN request_category_versions v ON v.category_id = c.id AND v.version = c.current_version
      ORDER BY f.received DESC, c.code`,
  );
  return rows.map((r) => ({
    categoryId: String(r.category_id),
    code: r.code === null || r.code === undefined ? null : String(r.code),
    name: r.name === null || r.name === undefined ? null : String(r.name),
    ...counts(r),
  }));
}

/** The same counts over the whole scope (percentiles cannot be added up from the groups). */
export async function figuresTotal(db: DbOrTx, scope: PeriodScope, now: Date): Promise<FigureCounts> {
  const [row] = await queryRows(db, sql`SELECT ${aggregates(now)} FROM requests r WHERE ${where(scope)}`);
  return counts(row ?? {});
}

export interface LedgerRequestRow {
  id: string;
  number: string;
  channel: string;
  categoryName: string | null;
  areaCode: string;
  areaName: string | null;
  unitLabel: string | null;
  status: string;
  urgency: string;
  requesterNameMasked: string | null;
  requesterPhoneMasked: string | null;
  externalRef: string | null;
  receivedAt: string;
  signedAt: string | null;
  signDueAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  resolvedOnTime: boolean | null;
  rating: string | null;
}

const china = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS ${column.replace('r.', '')}`);

/**
 * One page of the ledger (on time: resolved by the deadline; false also for an open request past it; null while
 * open and not yet due, or rejected/merged) in received order, after the keyset (created_at, id) of the previous page: the export
 * reads the period in pages so memory holds one page, whatever the period's size. Only masked contact copies.
 */
export async function ledgerPage(
  db: DbOrTx,
  scope: PeriodScope,
  after: { createdAt: string; id: string } | null,
  limit: number,
  now: Date,
): Promise<(LedgerRequestRow & { createdAtIso: string })[]> {
  const keyset = after ? sql`AND (r.created_at, r.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const rows = await queryRows(
    db,
    sql`SELECT r.id::text AS id, r.number, r.channel, v.name AS category_name, r.area_code, a.name AS area_name,
        r.unit_label, r.status, r.urgency, r.requester_name_masked, r.requester_phone_masked, r.external_ref,
        ${china('r.created_at')}, ${china('r.signed_at')}, ${china('r.sign_due_at')}, ${china('r.due_at')},
        ${china('r.resolved_at')}, r.rating,
        CASE WHEN r.resolved_at IS NOT NULL THEN r.resolved_at <= r.due_at
             WHEN r.status NOT IN ('rejected', 'merged') AND r.due_at < ${now.toISOString()}::timestamptz THEN false
        END AS resolved_on_time,
        to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_iso
      FROM requests r
      LEFT JOIN areas a ON a.code = r.area_code
      LEFT JOIN request_category_versions v ON v.category_id = r.category_id AND v.version = r.category_version
      WHERE ${where(scope)} ${keyset}
      ORDER BY r.created_at, r.id
      LIMIT ${limit}`,
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({
    id: String(r.id),
    number: String(r.number),
    channel: String(r.channel),
    categoryName: text(r.category_name),
    areaCode: String(r.area_code),
    areaName: text(r.area_name),
    unitLabel: text(r.unit_label),
    status: String(r.status),
    urgency: String(r.urgency),
    requesterNameMasked: text(r.requester_name_masked),
    requesterPhoneMasked: text(r.requester_phone_masked),
    externalRef: text(r.external_ref),
    receivedAt: String(r.created_at),
    signedAt: text(r.signed_at),
    signDueAt: text(r.sign_due_at),
    dueAt: text(r.due_at),
    resolvedAt: text(r.resolved_at),
    resolvedOnTime:
      r.resolved_on_time === null || r.resolved_on_time === undefined ? null : Boolean(r.resolved_on_time),
    rating: text(r.rating),
    createdAtIso: String(r.created_at_iso),
  }));
}
