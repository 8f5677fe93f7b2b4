import { byKey, type AreaKey } from '../../../platform/colocated';
import { and, asc, count, eq, ilike, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { inCommunities, inCommunityOrGrid, scopeCommunities } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { AREA_KEY_PLACEHOLDERS, preparedOn, UNNAMED } from '../../../platform/prepared-queries';
import { visits } from '../visits/visits.tables';
import { clientEvents, clients } from './clients.tables';

export type ClientRow = typeof clients.$inferSelect;
export type NewClient = typeof clients.$inferInsert;
export type ClientPatch = Partial<NewClient>;
export type NewClientEvent = typeof clientEvents.$inferInsert;

export interface ClientVisibility {
  prefixes: readonly string[];
  actorId: string;
  /** Supervisors see minors of their jurisdiction; others only the minors assigned to them (decision 6). */
  seesAllMinors: boolean;
  /** The cut-off birth date: born after it → a minor. */
  minorBornAfter: string;
}

export function visibleClients(v: ClientVisibility): SQL {
  return and(inCommunityOrGrid(clients.areaCode, clients.gridCode, v.prefixes), visibleMinors(v))!;
}

/** The minors rule of {@link visibleClients} alone; its values may be placeholders (a query built once). */
export function visibleMinors(v: {
  seesAllMinors: boolean;
  minorBornAfter: string | Placeholder;
  actorId: string | Placeholder;
}): SQL {
  return v.seesAllMinors
    ? sql`true`
    : sql`(${clients.birthDate} IS NULL OR ${clients.birthDate} <= ${v.minorBornAfter} OR ${clients.assigneeId} = ${v.actorId})`;
}

/** A client by id; `communities` (the actor's, when known: scopeCommunities) narrows it to rows the caller may see. */
export async function findClient(
  db: DbOrTx,
  id: string,
  communities: readonly string[] | null = null,
): Promise<ClientRow | null> {
  // A worker's one community, the common case (every client detail): built once per handle (prepared-queries.ts).
  if (communities?.length === 1) {
    const query = preparedOn(db, 'care.findClientInCommunity', (d) =>
      d
        .select()
        .from(clients)
        .where(byKey(clients.id, clients.areaCode, AREA_KEY_PLACEHOLDERS))
        .prepare(UNNAMED),
    );
    const [row] = await query.execute({ id, areaCode: communities[0] });
    return row ?? null;
  }
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.id, id), inCommunities(clients.areaCode, communities)));
  return row ?? null;
}

export interface ClientFilter {
  q?: string | undefined;
  communityCode?: string | undefined;
  gridCode?: string | undefined;
  tier?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
  overdueOn?: string | undefined;
  idBidx?: string | undefined;
  phoneBidx?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * A client's planned visits, aggregated per list row. Qualified by hand: inside a subquery Drizzle would render the
 * outer column unqualified (and bind it to `v`). The visits' community is also named as a value when the actor's
 * jurisdiction is one community or a few (scopeCommunities): on Citus a correlated subquery reaches every shard
 * unless it does, even when the outer rows are one community's.
 */
function plannedVisits(select: SQL, visibility: ClientVisibility, extra?: SQL): SQL {
  const communities = inCommunities(sql`v.area_code`, scopeCommunities(visibility.prefixes));
  return sql`(SELECT ${select} FROM visits v WHERE v.client_id = clients.id AND v.area_code = clients.area_code
    AND v.status = 'planned'${communities ? sql` AND ${communities}` : sql``}${extra ? sql` AND ${extra}` : sql``})`;
}
const nextDue = (v: ClientVisibility) => sql<string | null>`${plannedVisits(sql`min(v.due_date)::text`, v)}`;
// The earliest window end of the client's planned visits: overdue days count from it, as on the worklist.
const firstWindowEnd = (v: ClientVisibility) => sql<string | null>`${plannedVisits(sql`min(v.window_end)::text`, v)}`;

/** The list filter within what the actor may see (the list, its count and the ledger's cursor share it). */
export function clientListWhere(
  visibility: ClientVisibility,
  filter: Omit<ClientFilter, 'page' | 'pageSize'>,
): SQL | undefined {
  const conditions: SQL[] = [visibleClients(visibility)];
  if (filter.communityCode) conditions.push(eq(clients.areaCode, filter.communityCode));
  if (filter.gridCode) conditions.push(eq(clients.gridCode, filter.gridCode));
  if (filter.tier) conditions.push(eq(clients.tier, filter.tier as 'red'));
  if (filter.category) conditions.push(sql`${filter.category} = ANY(${clients.categories})`);
  if (filter.status) conditions.push(eq(clients.status, filter.status as 'active'));
  if (filter.overdueOn) {
    conditions.push(sql`EXISTS ${plannedVisits(sql`1`, visibility, sql`v.window_end < ${filter.overdueOn}`)}`);
  }
  if (filter.idBidx) conditions.push(eq(clients.idNumberBidx, filter.idBidx));
  else if (filter.phoneBidx)
    conditions.push(or(eq(clients.phoneBidx, filter.phoneBidx), eq(clients.idNumberBidx, filter.phoneBidx))!);
  else if (filter.q) {
    const q = filter.q.replace(/[\\%_]/g, '\\$&');
    if (/^[a-z]+$/i.test(q)) {
      const lower = q.toLowerCase();
      conditions.push(
        or(sql`${clients.namePinyin} LIKE ${lower + '%'}`, sql`${clients.nameInitials} LIKE ${lower + '%'}`)!,
      );
    } else {
      conditions.push(ilike(clients.name, `%${q}%`));
    }
  }
  return and(...conditions);
}

/** The list order people expect: red first, then yellow, blue, untiered; by pinyin within a tier. */
export const tierRank = sql`CASE ${clients.tier} WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'blue' THEN 2 ELSE 3 END`;

export async function listClients(db: DbOrTx, visibility: ClientVisibility, filter: ClientFilter) {
  const where = clientListWhere(visibility, filter);
  const [rows, [total]] = await Promise.all([
    db
      .select({ client: clients, nextDue: nextDue(visibility), firstWindowEnd: firstWindowEnd(visibility) })
      .from(clients)
      .where(where)
      .orderBy(tierRank, asc(clients.namePinyin), asc(clients.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(clients).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** How many clients the list filter matches (the export approval shows it). */
export async function countClients(
  db: DbOrTx,
  visibility: ClientVisibility,
  filter: Omit<ClientFilter, 'page' | 'pageSize'>,
): Promise<number> {
  const [row] = await db.select({ n: count() }).from(clients).where(clientListWhere(visibility, filter));
  return Number(row?.n ?? 0);
}

export async function nextDueFor(db: DbOrTx, client: AreaKey): Promise<string | null> {
  const [row] = await db
    .select({ due: sql<string | null>`min(${visits.dueDate})::text` })
    .from(visits)
    .where(and(byKey(visits.clientId, visits.areaCode, client), eq(visits.status, 'planned')));
  return row?.due ?? null;
}

export function insertClient(db: DbOrTx, row: NewClient) {
  return db.insert(clients).values(row);
}

export function updateClient(db: DbOrTx, id: string, patch: ClientPatch) {
  return db.update(clients).set(patch).where(eq(clients.id, id));
}

/**
 * Updates a client only if it still has `version` (the version check is repeated in the UPDATE so two concurrent
 * editors cannot both win); false when another change came first.
 */
export async function updateClientIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  patch: ClientPatch,
): Promise<boolean> {
  const updated = await db
    .update(clients)
    .set(patch)
    .where(and(eq(clients.id, id), eq(clients.version, version)))
    .returning({ id: clients.id });
  return updated.length > 0;
}

/** Adds one or more entries to clients' own history (edits, status changes, reassignments). */
export function insertClientEvents(db: DbOrTx, rows: NewClientEvent | NewClientEvent[]) {
  return db.insert(clientEvents).values(Array.isArray(rows) ? rows : [rows]);
}

/** Candidates for the duplicate warning: same ID number, same mobile, or same pinyin + birth date in the community. */
export function findDuplicateCandidates(
  db: DbOrTx,
  keys: {
    idBidx?: string | undefined;
    phoneBidx?: string | undefined;
    pinyin: string;
    birthDate?: string | undefined;
    areaCode: string;
  },
) {
  const matches: SQL[] = [];
  if (keys.idBidx) matches.push(eq(clients.idNumberBidx, keys.idBidx));
  if (keys.phoneBidx) matches.push(eq(clients.phoneBidx, keys.phoneBidx));
  if (keys.birthDate)
    matches.push(
      and(
        eq(clients.namePinyin, keys.pinyin),
        eq(clients.birthDate, keys.birthDate),
        eq(clients.areaCode, keys.areaCode),
      )!,
    );
  if (matches.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(clients)
    .where(or(...matches))
    .limit(20);
}
