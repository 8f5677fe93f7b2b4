import { type SQL, and, asc, count, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import { byKey } from '../../platform/colocated';
import { type DbOrTx, queryRows } from '../../platform/db';
import { areas } from '../org';
import { users } from '../users';
import { registerOrganisations, registerServiceAreas, wishEvents, wishes, wishPhotos } from './wishes.tables';

export type WishBase = typeof wishes.$inferSelect;
export type WishRow = WishBase & { areaName: string | null; claimantName: string | null; photoCount: number };
export type WishInsert = typeof wishes.$inferInsert;

// The photos lie in their wish's community: naming it keeps the count inside the wish's shard on Citus.
const photoCount = sql<number>`(SELECT count(*)::int FROM wish_photos p
  WHERE p.wish_id = ${wishes.id} AND p.area_code = ${wishes.areaCode})`;
const columns = { wish: wishes, areaName: areas.name, claimantName: registerOrganisations.name, photoCount };

function select(db: DbOrTx) {
  return db
    .select(columns)
    .from(wishes)
    .leftJoin(areas, eq(areas.code, wishes.areaCode))
    .leftJoin(registerOrganisations, eq(registerOrganisations.id, wishes.claimantOrganisationId));
}
type Selected = { wish: WishBase; areaName: string | null; claimantName: string | null; photoCount: number };
const flat = (r: Selected): WishRow => ({
  ...r.wish,
  areaName: r.areaName,
  claimantName: r.claimantName,
  photoCount: Number(r.photoCount),
});

async function paged(db: DbOrTx, where: SQL | undefined, order: SQL[], page: number, pageSize: number) {
  const rows = await select(db)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(wishes).where(where);
  return { rows: rows.map(flat), total: Number(total?.n ?? 0) };
}

export async function findWish(db: DbOrTx, id: string): Promise<WishRow | null> {
  const [row] = await select(db).where(eq(wishes.id, id));
  return row ? flat(row) : null;
}

/** Staff's list: the wishes of the jurisdiction, newest first. */
export function listWishes(
  db: DbOrTx,
  f: { prefixes: readonly string[]; areaCode?: string | undefined; status?: string | undefined },
  page: number,
  pageSize: number,
) {
  const where = and(
    inScope(wishes.areaCode, f.prefixes),
    f.areaCode ? eq(wishes.areaCode, f.areaCode) : undefined,
    f.status ? eq(wishes.status, f.status) : undefined,
  );
  return paged(db, where, [desc(wishes.createdAt), desc(wishes.id)], page, pageSize);
}

/** The wall: published wishes (open) or fulfilled/confirmed ones (done) in the given areas. */
export function listWall(
  db: DbOrTx,
  f: { prefixes: readonly string[]; areaCode?: string | undefined; view: 'open' | 'done' },
  page: number,
  pageSize: number,
) {
  const where = and(
    inScope(wishes.areaCode, f.prefixes),
    f.areaCode ? eq(wishes.areaCode, f.areaCode) : undefined,
    f.view === 'open' ? eq(wishes.status, 'published') : inArray(wishes.status, ['fulfilled', 'confirmed']),
  );
  const order = f.view === 'open' ? [desc(wishes.publishedAt)] : [desc(wishes.fulfilledAt)];
  return paged(db, where, [...order, desc(wishes.id)], page, pageSize);
}

/** What a claimant holds: an organisation's claims, or those a volunteer (or staff for a partner) made. */
export function listClaims(
  db: DbOrTx,
  claimant: { organisationId: string } | { userId: string },
  page: number,
  pageSize: number,
) {
  const who =
    'organisationId' in claimant
      ? eq(wishes.claimantOrganisationId, claimant.organisationId)
      : eq(wishes.claimantUserId, claimant.userId);
  const where = and(who, inArray(wishes.status, ['claimed', 'fulfilled', 'confirmed']));
  return paged(db, where, [desc(wishes.claimedAt), desc(wishes.id)], page, pageSize);
}

export function listOwn(db: DbOrTx, userId: string, page: number, pageSize: number) {
  return paged(db, eq(wishes.beneficiaryUserId, userId), [desc(wishes.createdAt), desc(wishes.id)], page, pageSize);
}

export async function nextWishNumber(db: DbOrTx, day: string): Promise<string> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT nextval('wish_number_seq')::int AS n`);
  return `XY${day.replaceAll('-', '')}${String(row!.n % 10000).padStart(4, '0')}`;
}

export async function insertWish(db: DbOrTx, row: WishInsert): Promise<void> {
  await db.insert(wishes).values(row);
}

/**
 * Moves a wish on only from the states named: one conditional UPDATE, so two racing requests cannot both move it
 * (the claim's one-winner rule rests on this: the second finds the status changed and updates nothing).
 */
export async function transitionWish(
  db: DbOrTx,
  id: string,
  from: readonly string[],
  set: Partial<WishInsert>,
): Promise<WishBase | null> {
  const [row] = await db
    .update(wishes)
    .set(set)
    .where(and(eq(wishes.id, id), inArray(wishes.status, [...from])))
    .returning();
  return row ?? null;
}

/** Staff decide on the pending thanks (once: a second decision finds none pending). */
export async function decideThanks(db: DbOrTx, id: string, status: 'approved' | 'rejected', now: Date) {
  const [row] = await db
    .update(wishes)
    .set({ thanksStatus: status, updatedAt: now })
    .where(and(eq(wishes.id, id), eq(wishes.thanksStatus, 'pending')))
    .returning({ id: wishes.id });
  return row ?? null;
}

/**
 * Claims whose deadline passed without fulfilment, locked for the expiry job (another process skips them). Found
 * first and then locked one by one, each by its community and id: Citus locks rows only within one shard.
 */
export async function dueClaims(db: DbOrTx, now: Date, limit = 200) {
  const due = and(eq(wishes.status, 'claimed'), lt(wishes.claimExpiresAt, now));
  const keys = await db
    .select({ id: wishes.id, areaCode: wishes.areaCode })
    .from(wishes)
    .where(due)
    .orderBy(asc(wishes.claimExpiresAt))
    .limit(limit);
  const locked = [];
  for (const key of keys) {
    const [row] = await db
      .select({
        id: wishes.id,
        areaCode: wishes.areaCode,
        number: wishes.number,
        beneficiaryUserId: wishes.beneficiaryUserId,
        createdBy: wishes.createdBy,
        claimantOrganisationId: wishes.claimantOrganisationId,
        claimantUserId: wishes.claimantUserId,
      })
      .from(wishes)
      .where(and(byKey(wishes.id, wishes.areaCode, key), due))
      .for('update', { skipLocked: true });
    if (row) locked.push(row);
  }
  return locked;
}

/** The claim fields cleared: the wish is back on the wall. */
export const UNCLAIMED = {
  status: 'published',
  claimantKind: null,
  claimantOrganisationId: null,
  claimantUserId: null,
  claimedAt: null,
  claimExpiresAt: null,
} as const;

export async function insertWishEvent(db: DbOrTx, row: typeof wishEvents.$inferInsert): Promise<void> {
  await db.insert(wishEvents).values(row);
}

export async function wishEventsOf(db: DbOrTx, wishId: string) {
  return db
    .select({ at: wishEvents.at, kind: wishEvents.kind, note: wishEvents.note, actorName: users.displayName })
    .from(wishEvents)
    .leftJoin(users, eq(users.id, wishEvents.actorId))
    .where(eq(wishEvents.wishId, wishId))
    .orderBy(asc(wishEvents.seq));
}

export async function insertWishPhotos(db: DbOrTx, rows: (typeof wishPhotos.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(wishPhotos).values(rows);
}

export async function findWishPhoto(db: DbOrTx, wishId: string, position: number) {
  const [row] = await db
    .select()
    .from(wishPhotos)
    .where(and(eq(wishPhotos.wishId, wishId), eq(wishPhotos.position, position)));
  return row ?? null;
}

/** The organisation a partner member acts for (null for others). */
export async function organisationOfMember(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      id: registerOrganisations.id,
      areaCode: registerOrganisations.areaCode,
      status: registerOrganisations.status,
    })
    .from(users)
    .innerJoin(registerOrganisations, eq(registerOrganisations.id, users.organisationId))
    .where(eq(users.id, userId));
  return row ?? null;
}

/** The areas an organisation serves: the one holding it and its service areas. */
export async function servedAreas(db: DbOrTx, organisationId: string, holding: string): Promise<string[]> {
  const rows = await db
    .select({ code: registerServiceAreas.areaCode })
    .from(registerServiceAreas)
    .where(eq(registerServiceAreas.organisationId, organisationId));
  return [holding, ...rows.map((r) => r.code)];
}

export async function activeMembers(db: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/** The partner's record: its claims by state. */
export async function partnerCounts(db: DbOrTx, organisationId: string) {
  const rows = await db
    .select({ status: wishes.status, n: count() })
    .from(wishes)
    .where(and(eq(wishes.claimantOrganisationId, organisationId), isNotNull(wishes.claimantKind)))
    .groupBy(wishes.status);
  const of = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { inProgress: of('claimed'), fulfilled: of('fulfilled') + of('confirmed'), confirmed: of('confirmed') };
}
