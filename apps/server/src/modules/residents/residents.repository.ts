import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import { type DbOrTx, queryRows } from '../../platform/db';
import { areas } from '../org';
import { users } from '../users';
import { residentLinkRequests, residentProfiles } from './residents.tables';

export type ProfileRow = typeof residentProfiles.$inferSelect;
export type LinkRow = typeof residentLinkRequests.$inferSelect;

/** The resident account holding this phone (by its blind index), with its username for the login flow. */
export async function findResidentByPhone(db: DbOrTx, phoneBidx: string) {
  const [row] = await db
    .select({ userId: residentProfiles.userId, username: users.username })
    .from(residentProfiles)
    .innerJoin(users, eq(users.id, residentProfiles.userId))
    .where(eq(residentProfiles.phoneBidx, phoneBidx));
  return row ?? null;
}

export async function findProfile(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ profile: residentProfiles, phoneEnc: users.phoneEnc, areaName: areas.name })
    .from(residentProfiles)
    .innerJoin(users, eq(users.id, residentProfiles.userId))
    .leftJoin(areas, eq(areas.code, residentProfiles.areaCode))
    .where(eq(residentProfiles.userId, userId));
  return row ?? null;
}

export function insertProfile(db: DbOrTx, row: typeof residentProfiles.$inferInsert) {
  return db.insert(residentProfiles).values(row);
}

export function updateProfile(db: DbOrTx, userId: string, patch: Partial<typeof residentProfiles.$inferInsert>) {
  return db.update(residentProfiles).set(patch).where(eq(residentProfiles.userId, userId));
}

/** The resident accounts of a community (recipients of its notices). */
export async function residentIdsIn(db: DbOrTx, areaCode: string): Promise<string[]> {
  const rows = await db
    .select({ id: residentProfiles.userId })
    .from(residentProfiles)
    .where(eq(residentProfiles.areaCode, areaCode));
  return rows.map((r) => r.id);
}

/** Active communities anyone may choose at sign-up: code, name and the street's name. */
export async function publicCommunities(db: DbOrTx) {
  const street = sql<string | null>`(SELECT s.name FROM areas s WHERE s.code = ${areas.parentCode})`;
  return db
    .select({ code: areas.code, name: areas.name, streetName: street })
    .from(areas)
    .where(and(eq(areas.level, 'community'), eq(areas.status, 'active')))
    .orderBy(asc(areas.code))
    .limit(2000);
}

export async function findActiveCommunity(db: DbOrTx, code: string) {
  const [row] = await db
    .select({ code: areas.code })
    .from(areas)
    .where(and(eq(areas.code, code), eq(areas.level, 'community'), eq(areas.status, 'active')));
  return row ?? null;
}

export function insertLink(db: DbOrTx, row: typeof residentLinkRequests.$inferInsert) {
  return db.insert(residentLinkRequests).values(row);
}

export async function latestLinkOf(db: DbOrTx, userId: string): Promise<LinkRow | null> {
  const [row] = await db
    .select()
    .from(residentLinkRequests)
    .where(eq(residentLinkRequests.userId, userId))
    .orderBy(desc(residentLinkRequests.requestedAt))
    .limit(1);
  return row ?? null;
}

const linkColumns = {
  link: residentLinkRequests,
  displayName: users.displayName,
  phoneEnc: users.phoneEnc,
  areaName: areas.name,
};

export async function findLink(db: DbOrTx, id: string) {
  const [row] = await db
    .select(linkColumns)
    .from(residentLinkRequests)
    .innerJoin(users, eq(users.id, residentLinkRequests.userId))
    .leftJoin(areas, eq(areas.code, residentLinkRequests.areaCode))
    .where(eq(residentLinkRequests.id, id));
  return row ?? null;
}

export async function listLinks(
  db: DbOrTx,
  filter: { prefixes: readonly string[]; status?: string | undefined; page: number; pageSize: number },
) {
  const where = and(
    inScope(residentLinkRequests.areaCode, filter.prefixes),
    filter.status ? eq(residentLinkRequests.status, filter.status as 'pending') : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(linkColumns)
      .from(residentLinkRequests)
      .innerJoin(users, eq(users.id, residentLinkRequests.userId))
      .leftJoin(areas, eq(areas.code, residentLinkRequests.areaCode))
      .where(where)
      .orderBy(desc(residentLinkRequests.requestedAt), desc(residentLinkRequests.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(residentLinkRequests).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Decides a pending request, once (two staff deciding at the same moment: one wins). */
export async function decideLink(db: DbOrTx, id: string, patch: Partial<typeof residentLinkRequests.$inferInsert>) {
  const rows = await db
    .update(residentLinkRequests)
    .set(patch)
    .where(and(eq(residentLinkRequests.id, id), eq(residentLinkRequests.status, 'pending')))
    .returning({ id: residentLinkRequests.id });
  return rows.length > 0;
}

/** Demo seed only: a client of the community with a worker and a planned visit (the care tables, read-only). */
export async function demoClientOf(db: DbOrTx, areaCode: string): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT c.id FROM clients c
    WHERE c.area_code = ${areaCode} AND c.status = 'active' AND c.assignee_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM visits v WHERE v.client_id = c.id AND v.area_code = c.area_code AND v.status = 'planned')
    ORDER BY c.created_at, c.id LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}
