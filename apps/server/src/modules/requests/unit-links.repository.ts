import { and, eq, inArray, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { OPEN, requestUnitLinks } from './requests.tables';

/** What decides whether a request is listed under another community's team (migration 0043). */
export interface LinkFields {
  id: string;
  areaCode: string;
  status: string;
  unitKind: string | null;
  unitAreaCode: string | null;
}

/** A community's code from its own or one of its grids' (12 digits; a grid's 15 begin with its community's). */
export const communityOfUnit = (code: string) => code.slice(0, 12);

/**
 * The community whose team queue lists this request although the request lives in another community, or null: an
 * open request of a community or grid unit outside its own community (a street's or district's routing rule).
 */
export function linkedCommunity(r: LinkFields): string | null {
  if (
    !(OPEN as string[]).includes(r.status) ||
    (r.unitKind !== 'community' && r.unitKind !== 'grid') ||
    !r.unitAreaCode
  )
    return null;
  const community = communityOfUnit(r.unitAreaCode);
  return community === r.areaCode ? null : community;
}

/**
 * Keeps a request's link with its change: the old unit's community loses it, the new one gains it. Both are named
 * by their community, so on Citus each write goes to one shard group (the transaction commits both with 2PC).
 */
export async function keepUnitLink(db: DbOrTx, before: LinkFields, after: LinkFields): Promise<void> {
  const was = linkedCommunity(before);
  const now = linkedCommunity(after);
  if (was === now) return;
  if (was)
    await db
      .delete(requestUnitLinks)
      .where(and(eq(requestUnitLinks.areaCode, was), eq(requestUnitLinks.requestId, before.id)));
  if (now)
    await db
      .insert(requestUnitLinks)
      .values({ areaCode: now, requestId: after.id, requestAreaCode: after.areaCode })
      .onConflictDoNothing();
}

/**
 * The keys of requests of other communities listed under a community's teams, as a column of the queue's total
 * (one statement, one shard group on Citus: both tables are distributed by the community). A request merged into
 * this community since (an area merge) is left out by the caller: its row is now the community's own.
 */
export function linkedRequestKeys(community: string | Placeholder): SQL<{ id: string; areaCode: string }[] | null> {
  return sql<
    { id: string; areaCode: string }[] | null
  >`(SELECT json_agg(json_build_object('id', ${requestUnitLinks.requestId}, 'areaCode', ${requestUnitLinks.requestAreaCode})) FROM ${requestUnitLinks} WHERE ${requestUnitLinks.areaCode} = ${community})`;
}

/** The links of these requests, for tests and the consistency check. */
export function linksOf(db: DbOrTx, requestIds: string[]) {
  return db.select().from(requestUnitLinks).where(inArray(requestUnitLinks.requestId, requestIds));
}
