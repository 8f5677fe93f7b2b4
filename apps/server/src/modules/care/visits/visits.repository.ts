import { inSameArea, byKey, type AreaKey } from '../../../platform/colocated';
import { and, asc, eq, gt, gte, inArray, like, lt, lte, or, type Placeholder, sql, type SQL } from 'drizzle-orm';
import { inCommunities, inCommunityOrGrid } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { AREA_KEY_PLACEHOLDERS, preparedOn, UNNAMED } from '../../../platform/prepared-queries';
import { type ClientVisibility, visibleClients, visibleMinors } from '../clients/clients.repository';
import { clients } from '../clients/clients.tables';
import { visitEvents, visits } from './visits.tables';

export type VisitRow = typeof visits.$inferSelect;
export type NewVisit = typeof visits.$inferInsert;
export type VisitPatch = Partial<NewVisit>;
export type NewVisitEvent = typeof visitEvents.$inferInsert;

export type WorklistFilter = { assigneeId?: string; until: string; visibility: ClientVisibility };
export type WorklistBucketName = 'overdue' | 'dueToday' | 'thisWeek';
export type WorklistPage = { bucket: WorklistBucketName; today: string; limit: number; offset: number };

/** Planned visits on the worklist (window opening by `until`), for one assignee or a whole jurisdiction. */
function worklistConditions(filter: WorklistFilter): SQL[] {
  const conditions: SQL[] = [
    eq(visits.status, 'planned'),
    lte(visits.windowStart, filter.until),
    inCommunityOrGrid(visits.areaCode, visits.gridCode, filter.visibility.prefixes),
    visibleClients(filter.visibility),
  ];
  if (filter.assigneeId) conditions.push(eq(visits.assigneeId, filter.assigneeId));
  return conditions;
}

/** The worklist buckets as SQL, the same rule as visit-buckets.ts `worklistBucket` (a test holds them equal). */
function bucketCondition(bucket: WorklistBucketName, today: string | Placeholder): SQL {
  if (bucket === 'overdue') return lt(visits.windowEnd, today);
  if (bucket === 'dueToday') return and(lte(visits.windowStart, today), gte(visits.windowEnd, today))!;
  return gt(visits.windowStart, today);
}

/**
 * The common shape — a worker's own list in their one community (every worklist and 工作台 of a worker) — whose
 * statements are built once per handle (prepared-queries.ts) and run with these values; null for any other shape
 * (a supervisor's whole community, a grid, several communities, a street), built per call. The conditions are
 * worklistConditions' for that shape: inCommunityOrGrid of one community is `area_code = community` for the visit and
 * the client alike.
 */
function ownListInCommunity(filter: WorklistFilter) {
  const { prefixes, seesAllMinors, actorId, minorBornAfter } = filter.visibility;
  if (!filter.assigneeId || prefixes.length !== 1 || prefixes[0]!.length !== 12) return null;
  const values = {
    community: prefixes[0]!,
    assigneeId: filter.assigneeId,
    until: filter.until,
    actorId,
    minorBornAfter,
  };
  return { minors: seesAllMinors ? 'allMinors' : 'ownMinors', seesAllMinors, values };
}

const OWN_LIST = {
  community: sql.placeholder('community'),
  assigneeId: sql.placeholder('assigneeId'),
  until: sql.placeholder('until'),
  actorId: sql.placeholder('actorId'),
  minorBornAfter: sql.placeholder('minorBornAfter'),
  today: sql.placeholder('today'),
  limit: sql.placeholder('limit'),
  offset: sql.placeholder('offset'),
};

function ownListConditions(seesAllMinors: boolean): SQL[] {
  const { community, assigneeId, until, actorId, minorBornAfter } = OWN_LIST;
  return [
    eq(visits.status, 'planned'),
    lte(visits.windowStart, until),
    eq(visits.areaCode, community),
    and(eq(clients.areaCode, community), visibleMinors({ seesAllMinors, actorId, minorBornAfter }))!,
    eq(visits.assigneeId, assigneeId),
  ];
}

function pageQuery(db: DbOrTx, conditions: SQL[], bucket: WorklistBucketName, today: string | Placeholder) {
  return db
    .select({ visit: visits, clientName: clients.name })
    .from(visits)
    .innerJoin(clients, inSameArea(eq(clients.id, visits.clientId), clients, visits))
    .where(and(...conditions, bucketCondition(bucket, today)))
    .orderBy(asc(visits.dueDate), asc(clients.namePinyin), asc(visits.id));
}

/** One page of one worklist bucket with the clients' names, earliest due first. */
export async function worklistPage(db: DbOrTx, filter: WorklistFilter, page: WorklistPage) {
  const own = ownListInCommunity(filter);
  if (own) {
    const query = preparedOn(db, `care.worklistPage.${page.bucket}.${own.minors}`, (d) =>
      pageQuery(d, ownListConditions(own.seesAllMinors), page.bucket, OWN_LIST.today)
        .limit(OWN_LIST.limit)
        .offset(OWN_LIST.offset)
        .prepare(UNNAMED),
    );
    return query.execute({ ...own.values, today: page.today, limit: page.limit, offset: page.offset });
  }
  return pageQuery(db, worklistConditions(filter), page.bucket, page.today).limit(page.limit).offset(page.offset);
}

function totalsQuery(db: DbOrTx, conditions: SQL[], today: string | Placeholder) {
  const count = (bucket: WorklistBucketName) =>
    sql<number>`(count(*) FILTER (WHERE ${bucketCondition(bucket, today)}))::int`;
  return db
    .select({ overdue: count('overdue'), dueToday: count('dueToday'), thisWeek: count('thisWeek') })
    .from(visits)
    .innerJoin(clients, inSameArea(eq(clients.id, visits.clientId), clients, visits))
    .where(and(...conditions));
}

/** How many planned visits each worklist bucket holds, in one pass. */
export async function worklistTotals(db: DbOrTx, filter: WorklistFilter, today: string) {
  const own = ownListInCommunity(filter);
  const [row] = own
    ? await preparedOn(db, `care.worklistTotals.${own.minors}`, (d) =>
        totalsQuery(d, ownListConditions(own.seesAllMinors), OWN_LIST.today).prepare(UNNAMED),
      ).execute({ ...own.values, today })
    : await totalsQuery(db, worklistConditions(filter), today);
  return { overdue: row?.overdue ?? 0, dueToday: row?.dueToday ?? 0, thisWeek: row?.thisWeek ?? 0 };
}

/**
 * A visit with its client, in one round trip (the record-visit path checks both). `communities` (the actor's, when
 * known: scopeCommunities) only narrows the search to rows the caller could see anyway.
 */
export async function findVisitWithClient(db: DbOrTx, id: string, communities: readonly string[] | null = null) {
  // A worker's one community, the common case (every recorded visit): built once per handle (prepared-queries.ts).
  if (communities?.length === 1) {
    const query = preparedOn(db, 'care.findVisitWithClientInCommunity', (d) =>
      d
        .select({ visit: visits, client: clients })
        .from(visits)
        .innerJoin(clients, inSameArea(eq(clients.id, visits.clientId), clients, visits))
        .where(byKey(visits.id, visits.areaCode, AREA_KEY_PLACEHOLDERS))
        .prepare(UNNAMED),
    );
    const [row] = await query.execute({ id, areaCode: communities[0] });
    return row ?? null;
  }
  const [row] = await db
    .select({ visit: visits, client: clients })
    .from(visits)
    .innerJoin(clients, inSameArea(eq(clients.id, visits.clientId), clients, visits))
    .where(and(eq(visits.id, id), inCommunities(visits.areaCode, communities)));
  return row ?? null;
}

/** Inserts a visit and returns the stored row (no second read after commit). */
export async function insertVisit(db: DbOrTx, row: NewVisit): Promise<VisitRow> {
  const [saved] = await db.insert(visits).values(row).returning();
  return saved!;
}

export function updateVisit(db: DbOrTx, visit: AreaKey, patch: VisitPatch) {
  return db
    .update(visits)
    .set(patch)
    .where(byKey(visits.id, visits.areaCode, visit));
}

/**
 * Updates a visit only while it is still planned and returns the stored row, or null when it no longer is: of two
 * requests recording one visit at once, the second waits for the first's row lock, then finds it recorded.
 */
export async function updatePlannedVisitReturning(
  db: DbOrTx,
  visit: AreaKey,
  patch: VisitPatch,
): Promise<VisitRow | null> {
  const [saved] = await db
    .update(visits)
    .set(patch)
    .where(and(byKey(visits.id, visits.areaCode, visit), eq(visits.status, 'planned')))
    .returning();
  return saved ?? null;
}

/**
 * What a household visit leaves in visit_events: on each member's own visit it closed, a 'done' event noted
 * `household visit <the visit recorded>`; on the visit recorded, one `member_seen` event per member seen (noted with
 * the member's client id). The client's timeline reads them back (householdVisitFacts).
 */
export const HOUSEHOLD_VISIT_NOTE = 'household visit ';
export const MEMBER_SEEN = 'member_seen';

/** For a client's visits: how many other members each one saw, and which were closed by another member's visit. */
export async function householdVisitFacts(
  db: DbOrTx,
  client: AreaKey,
): Promise<{ membersSeen: Map<string, number>; closedByHouseholdVisit: Set<string> }> {
  // Built once per database handle (prepared-queries.ts): every client detail runs it.
  const query = preparedOn(db, 'care.householdVisitFacts', (d) =>
    d
      .select({ visitId: visitEvents.visitId, status: visitEvents.status })
      .from(visitEvents)
      .innerJoin(visits, inSameArea(eq(visits.id, visitEvents.visitId), visits, visitEvents))
      .where(
        and(
          byKey(visits.clientId, visits.areaCode, AREA_KEY_PLACEHOLDERS),
          or(eq(visitEvents.status, MEMBER_SEEN), like(visitEvents.note, `${HOUSEHOLD_VISIT_NOTE}%`)),
        ),
      )
      .prepare(UNNAMED),
  );
  const rows = await query.execute({ id: client.id, areaCode: client.areaCode });
  const membersSeen = new Map<string, number>();
  const closedByHouseholdVisit = new Set<string>();
  for (const r of rows) {
    if (r.status === MEMBER_SEEN) membersSeen.set(r.visitId, (membersSeen.get(r.visitId) ?? 0) + 1);
    else closedByHouseholdVisit.add(r.visitId);
  }
  return { membersSeen, closedByHouseholdVisit };
}

/** Adds one or more visit events in one statement. */
export function addVisitEvent(db: DbOrTx, row: NewVisitEvent | NewVisitEvent[]) {
  return db.insert(visitEvents).values(Array.isArray(row) ? row : [row]);
}

/** Marks a client's open visits superseded (a new plan replaces them) and returns their ids. */
export function supersedePlanned(db: DbOrTx, client: AreaKey, at: Date): Promise<{ id: string; areaCode: string }[]> {
  return db
    .update(visits)
    .set({ status: 'superseded', updatedAt: at })
    .where(and(byKey(visits.clientId, visits.areaCode, client), eq(visits.status, 'planned')))
    .returning({ id: visits.id, areaCode: visits.areaCode });
}

export function clientVisitsPlanned(db: DbOrTx, client: AreaKey) {
  return db
    .select()
    .from(visits)
    .where(and(byKey(visits.clientId, visits.areaCode, client), eq(visits.status, 'planned')))
    .orderBy(asc(visits.dueDate));
}

/** Cancels a client's open visits (the client left care) and returns their ids. */
export function cancelPlanned(db: DbOrTx, client: AreaKey, at: Date): Promise<{ id: string; areaCode: string }[]> {
  return db
    .update(visits)
    .set({ status: 'cancelled', updatedAt: at })
    .where(and(byKey(visits.clientId, visits.areaCode, client), eq(visits.status, 'planned')))
    .returning({ id: visits.id, areaCode: visits.areaCode });
}

/** Moves open visits with a caseload (reassigning a client keeps no visit behind). */
export function reassignPlanned(
  db: DbOrTx,
  client: AreaKey,
  assigneeId: string | null,
  gridCode: string | null,
  at: Date,
) {
  return db
    .update(visits)
    .set({ assigneeId, gridCode, updatedAt: at })
    .where(and(byKey(visits.clientId, visits.areaCode, client), eq(visits.status, 'planned')));
}

/** Puts back to planned the visits a merge cancelled (its undo), unless something else has happened to them since. */
export function restoreCancelled(db: DbOrTx, ids: string[], at: Date) {
  return db
    .update(visits)
    .set({ status: 'planned', updatedAt: at })
    .where(and(inArray(visits.id, ids), eq(visits.status, 'cancelled')));
}
