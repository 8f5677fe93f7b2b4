import {
  type SQL,
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  or,
  sql,
} from 'drizzle-orm';
import { inAreaOrGrid } from '../../platform/access';
import { type AreaKey, byKey, lockByKey } from '../../platform/colocated';
import type { DbOrTx } from '../../platform/db';
import { users } from '../users';
import { OPEN, requestEvents, requestNumberCounters, requestPhotos, requests } from './requests.tables';
import { keepUnitLink } from './unit-links.repository';

export type RequestRow = typeof requests.$inferSelect;
export type RequestInsert = typeof requests.$inferInsert;
export type RequestEventRow = typeof requestEvents.$inferSelect;
export type RequestPhotoRow = typeof requestPhotos.$inferSelect;
type Status = RequestRow['status'];

export async function findRequest(db: DbOrTx, id: string): Promise<RequestRow | null> {
  const [row] = await db.select().from(requests).where(eq(requests.id, id));
  return row ?? null;
}

/** The row locked for a change (the caller's transaction). */
export async function lockRequest(db: DbOrTx, id: string): Promise<RequestRow | null> {
  return lockByKey(db, requests, id);
}

/** The next number of the day, SQ + yyyymmdd + at least 4 digits: one UPSERT, so concurrent intakes never collide. */
export async function nextRequestNumber(db: DbOrTx, day: string): Promise<string> {
  const [row] = await db
    .insert(requestNumberCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: requestNumberCounters.day, set: { last: sql`${requestNumberCounters.last} + 1` } })
    .returning({ last: requestNumberCounters.last });
  return `SQ${day.replaceAll('-', '')}${String(row!.last).padStart(4, '0')}`;
}

export async function insertRequest(db: DbOrTx, row: RequestInsert): Promise<void> {
  await db.insert(requests).values(row);
}

/**
 * A change applied only while the request is still in one of `from` (so two racing actions cannot both apply). A
 * change of state or unit keeps the request's unit link (unit-links.repository.ts), so it needs the row as it was.
 */
export async function updateRequest(
  db: DbOrTx,
  key: AreaKey | RequestRow,
  from: readonly Status[],
  set: Partial<RequestInsert>,
): Promise<RequestRow | null> {
  const [row] = await db
    .update(requests)
    .set({ ...set, rowVersion: sql`${requests.rowVersion} + 1` })
    .where(and(byKey(requests.id, requests.areaCode, key), inArray(requests.status, [...from])))
    .returning();
  if (!row) return null;
  if ('status' in key) await keepUnitLink(db, key, row);
  else if (LINK_COLUMNS.some((c) => c in set))
    throw new Error('updateRequest: a change of state or unit needs the row');
  return row;
}

const LINK_COLUMNS = ['status', 'unitKind', 'unitAreaCode'] as const;

export async function insertEvent(db: DbOrTx, row: typeof requestEvents.$inferInsert): Promise<void> {
  await db.insert(requestEvents).values(row);
}

export async function insertPhotos(db: DbOrTx, rows: (typeof requestPhotos.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(requestPhotos).values(rows);
}

export function eventsOf(db: DbOrTx, requestId: string): Promise<RequestEventRow[]> {
  return db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.at), asc(requestEvents.seq));
}

export function photosOf(db: DbOrTx, requestId: string): Promise<RequestPhotoRow[]> {
  return db
    .select()
    .from(requestPhotos)
    .where(eq(requestPhotos.requestId, requestId))
    .orderBy(asc(requestPhotos.createdAt), asc(requestPhotos.id));
}

export async function findPhoto(db: DbOrTx, id: string): Promise<RequestPhotoRow | null> {
  const [row] = await db.select().from(requestPhotos).where(eq(requestPhotos.id, id));
  return row ?? null;
}

/** Who may see which rows: staff by jurisdiction (a grid worker by the unit's grid), a partner by its organisation. */
export interface Visibility {
  prefixes: readonly string[];
  /** Set for a partner member: only requests routed to this organisation. */
  organisationId: string | null;
}

export function visibleWhere(v: Visibility): SQL {
  if (v.organisationId) return eq(requests.unitOrganisationId, v.organisationId);
  return inAreaOrGrid(requests.areaCode, requests.unitAreaCode, v.prefixes);
}

export interface ListFilter {
  status?: Status | undefined;
  categoryId?: string | undefined;
  unitKind?: RequestRow['unitKind'] | undefined;
  unitAreaCode?: string | undefined;
  unitOrganisationId?: string | undefined;
  urgency?: 'urgent' | 'normal' | undefined;
  communityCode?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
}

function overdueSql(now: Date): SQL {
  return sql`(${requests.status} IN ('assigned', 'in_progress') AND ${requests.dueAt} < ${now})`;
}

export async function listRequests(
  db: DbOrTx,
  v: Visibility,
  f: ListFilter,
  now: Date,
  page: { page: number; pageSize: number },
) {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    visibleWhere(v),
    f.status ? eq(requests.status, f.status) : undefined,
    f.categoryId ? eq(requests.categoryId, f.categoryId) : undefined,
    f.unitKind ? eq(requests.unitKind, f.unitKind) : undefined,
    f.unitAreaCode ? eq(requests.unitAreaCode, f.unitAreaCode) : undefined,
    f.unitOrganisationId ? eq(requests.unitOrganisationId, f.unitOrganisationId) : undefined,
    f.urgency ? eq(requests.urgency, f.urgency) : undefined,
    f.communityCode ? eq(requests.areaCode, f.communityCode) : undefined,
    f.overdue === true ? overdueSql(now) : f.overdue === false ? sql`NOT ${overdueSql(now)}` : undefined,
    like
      ? or(ilike(requests.number, like), ilike(requests.description, like), ilike(requests.publicText, like))
      : undefined,
  );
  const [rows, [total]] = [
    await db
      .select()
      .from(requests)
      .where(where)
      .orderBy(desc(requests.createdAt), desc(requests.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    await db.select({ n: count() }).from(requests).where(where),
  ];
  return { rows, total: Number(total?.n ?? 0) };
}

/** Candidates a triager may merge into: same category and community, the last 7 days, not itself, not merged. */
export function duplicateCandidates(db: DbOrTx, row: RequestRow, since: Date): Promise<RequestRow[]> {
  return db
    .select()
    .from(requests)
    .where(
      and(
        eq(requests.categoryId, row.categoryId),
        eq(requests.areaCode, row.areaCode),
        gte(requests.createdAt, since),
        ne(requests.id, row.id),
        inArray(requests.status, ['submitted', 'assigned', 'in_progress', 'resolved']),
      ),
    )
    .orderBy(desc(requests.createdAt))
    .limit(50);
}

export function requesterRequests(db: DbOrTx, userId: string, page: { page: number; pageSize: number }) {
  const where = eq(requests.requesterUserId, userId);
  return Promise.all([
    db
      .select()
      .from(requests)
      .where(where)
      .orderBy(desc(requests.createdAt), desc(requests.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(requests).where(where),
  ]).then(([rows, [total]]) => ({ rows, total: Number(total?.n ?? 0) }));
}

/** Display names of the accounts that took steps (history), by id. */
export async function actorNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The phone on a resident's account (encrypted), for a request they file. */
export async function accountPhoneEnc(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ phoneEnc: users.phoneEnc }).from(users).where(eq(users.id, userId));
  return row?.phoneEnc ?? null;
}

type Stamp = 'signRemindedAt' | 'dueRemindedAt' | 'escalatedAt';

/** For the jobs: the rows one of them works on now (a batch; the next run takes the rest). */
export function jobCandidates(
  db: DbOrTx,
  job: 'sign_reminder' | 'due_reminder' | 'breach' | 'unrated',
  now: Date,
  leadMs = 0,
) {
  const ahead = new Date(now.getTime() + leadMs);
  const where = {
    sign_reminder: and(
      eq(requests.status, 'assigned'),
      isNull(requests.signRemindedAt),
      gt(requests.signDueAt, now),
      lte(requests.signDueAt, ahead),
    ),
    due_reminder: and(
      inArray(requests.status, OPEN),
      isNull(requests.dueRemindedAt),
      gt(requests.dueAt, now),
      lte(requests.dueAt, ahead),
    ),
    breach: and(inArray(requests.status, OPEN), isNull(requests.escalatedAt), lt(requests.dueAt, now)),
    unrated: and(eq(requests.status, 'resolved'), lt(requests.resolvedAt, ahead)),
  }[job];
  return db.select().from(requests).where(where).orderBy(asc(requests.id)).limit(500);
}

/**
 * Sets a once-only timestamp (reminder, escalation) unless another run set it first; null when it did. By the row's
 * key: on Citus an UPDATE by id alone reaches every shard (the jobs' updates took 0.5–0.7 s each at city scale).
 */
export async function stampOnce(db: DbOrTx, key: AreaKey, column: Stamp, at: Date): Promise<RequestRow | null> {
  const [row] = await db
    .update(requests)
    .set({ [column]: at })
    .where(and(byKey(requests.id, requests.areaCode, key), isNull(requests[column]), inArray(requests.status, OPEN)))
    .returning();
  return row ?? null;
}
