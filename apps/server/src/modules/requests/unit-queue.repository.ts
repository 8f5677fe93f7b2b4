import { type SQL, and, asc, count, eq, inArray, or, type Placeholder, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { preparedOn, UNNAMED } from '../../platform/prepared-queries';
import type { RequestRow } from './requests.repository';
import { OPEN, requests } from './requests.tables';
import { communityOfUnit, linkedRequestKeys } from './unit-links.repository';

// A unit's queue (GET /api/requests/queue): its open requests, overdue first (docs/requests.md "Units and who acts for
// them"; issue 14 for the one-community reads).

/** Who a unit queue is for: the actor's unit (docs/requests.md "Units and who acts for them"). */
export interface QueueUnit {
  organisationId: string | null;
  partner: boolean;
  prefixes: readonly string[];
  streetOfficer: boolean;
}

function queueRows(db: DbOrTx, where: SQL, now: Date | Placeholder) {
  return db
    .select()
    .from(requests)
    .where(where)
    .orderBy(
      sql`CASE WHEN ${requests.dueAt} < ${now} THEN 0 ELSE 1 END`,
      sql`${requests.signDueAt} IS NULL OR ${requests.signedAt} IS NOT NULL`,
      asc(requests.dueAt),
      asc(requests.id),
    );
}

const queueTotal = (db: DbOrTx, where: SQL) => db.select({ n: count() }).from(requests).where(where);

const LOCAL_QUEUE = {
  community: sql.placeholder('community'),
  pattern: sql.placeholder('pattern'),
  now: sql.placeholder('now'),
  limit: sql.placeholder('limit'),
  offset: sql.placeholder('offset'),
};
/**
 * unitWhere's open requests of one community or grid team, of the team's own community only (named, so that on
 * Citus the statement runs on that community's shard group); the team's prefix's LIKE as a placeholder.
 */
const localQueueWhere = () =>
  and(
    eq(requests.areaCode, LOCAL_QUEUE.community),
    inArray(requests.status, OPEN),
    inArray(requests.unitKind, ['community', 'grid']),
    sql`(${requests.unitAreaCode} LIKE ${LOCAL_QUEUE.pattern})`,
  )!;

/** The queue's order in JavaScript, as queueRows orders it in SQL (for merging two communities' rows). */
function queueOrder(now: Date) {
  const overdue = (r: RequestRow) => (r.dueAt && r.dueAt < now ? 0 : 1);
  const signed = (r: RequestRow) => (r.signDueAt === null || r.signedAt !== null ? 1 : 0);
  const due = (r: RequestRow) => r.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return (a: RequestRow, b: RequestRow) =>
    overdue(a) - overdue(b) ||
    signed(a) - signed(b) ||
    (due(a) === due(b) ? 0 : due(a) < due(b) ? -1 : 1) ||
    (a.id === b.id ? 0 : a.id < b.id ? -1 : 1);
}

/**
 * A unit's open requests (assigned or in progress), overdue first, then by deadline; the page and the total at once.
 * A community or grid team (every worker's queue) reads its own community's requests through statements built once
 * per handle (prepared-queries.ts), the keys of requests of other communities sent to it with the total
 * (unit-links.repository.ts; few or none), and only when there are some those requests by key: each statement names
 * one community, so on Citus each runs on one shard group (issue 14).
 * Partners, street officers and wider scopes read through statements built per call.
 */
export async function unitQueue(db: DbOrTx, unit: QueueUnit, now: Date, page: { page: number; pageSize: number }) {
  const limit = page.pageSize;
  const offset = (page.page - 1) * page.pageSize;
  const prefix = unit.prefixes[0] ?? '';
  const oneTeam = !unit.partner && !unit.streetOfficer && unit.prefixes.length === 1 && prefix.length >= 12;
  if (!oneTeam) {
    const where = and(inArray(requests.status, OPEN), unitWhere(unit))!;
    const [rows, [total]] = await Promise.all([
      queueRows(db, where, now).limit(limit).offset(offset),
      queueTotal(db, where),
    ]);
    return { rows, total: Number(total?.n ?? 0) };
  }
  const community = communityOfUnit(prefix);
  const pattern = `${prefix}%`;
  const ownPage = (take: number, skip: number) =>
    preparedOn(db, 'requests.localQueue', (d) =>
      queueRows(d, localQueueWhere(), LOCAL_QUEUE.now)
        .limit(LOCAL_QUEUE.limit)
        .offset(LOCAL_QUEUE.offset)
        .prepare(UNNAMED),
    ).execute({ community, pattern, now, limit: take, offset: skip });
  const [rows, [total]] = await Promise.all([
    ownPage(limit, offset),
    preparedOn(db, 'requests.localQueueTotal', (d) =>
      d
        .select({ n: count(), links: linkedRequestKeys(LOCAL_QUEUE.community) })
        .from(requests)
        .where(localQueueWhere())
        .prepare(UNNAMED),
    ).execute({ community, pattern }),
  ]);
  const links = (total?.links ?? []).filter((l) => l.areaCode !== community);
  const own = Number(total?.n ?? 0);
  if (links.length === 0) return { rows, total: own };
  const sent = await db
    .select()
    .from(requests)
    .where(
      and(
        inArray(
          requests.id,
          links.map((l) => l.id),
        ),
        inArray(requests.areaCode, [...new Set(links.map((l) => l.areaCode))]),
        inArray(requests.status, OPEN),
        unitWhere(unit),
      ),
    );
  if (sent.length === 0) return { rows, total: own };
  // The page of the two together: the own rows up to the page's end (already read on the first page) and the few sent.
  const ownHead = offset === 0 ? rows : await ownPage(offset + limit, 0);
  return { rows: [...ownHead, ...sent].sort(queueOrder(now)).slice(offset, offset + limit), total: own + sent.length };
}

/** The requests whose unit the actor acts for (the unit queue): docs/requests.md "Units and who acts for them". */
export function unitWhere(a: QueueUnit): SQL {
  if (a.partner) return a.organisationId ? eq(requests.unitOrganisationId, a.organisationId) : sql`false`;
  const local = and(inArray(requests.unitKind, ['community', 'grid']), inScope(requests.unitAreaCode, a.prefixes))!;
  if (!a.streetOfficer) return local;
  return or(local, and(eq(requests.unitKind, 'street_department'), inScope(requests.unitAreaCode, a.prefixes)))!;
}
