import { and, desc, eq, gte, inArray, like, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { areas } from '../org';
import { requests } from '../requests';

export type GeoRequestRow = typeof requests.$inferSelect;

/** The active communities under an area prefix (a key's area), for placing a request by its point or place id. */
export async function communitiesUnder(db: DbOrTx, prefix: string): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(and(like(areas.code, `${prefix}%`), eq(areas.level, 'community'), eq(areas.status, 'active')))
    .orderBy(areas.code);
}

/** Districts that have at least one area row (to tell whether a jurisdiction_id may be left out). */
export async function districtCodes(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ code: areas.code })
    .from(areas)
    .where(and(eq(areas.level, 'district'), eq(areas.status, 'active')));
  return rows.map((r) => r.code);
}

export async function findByNumber(db: DbOrTx, districtPrefix: string, number: string): Promise<GeoRequestRow | null> {
  const [row] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.number, number), like(requests.areaCode, `${districtPrefix}%`)));
  return row ?? null;
}

export async function findByToken(db: DbOrTx, districtPrefix: string, token: string): Promise<GeoRequestRow | null> {
  const [row] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.open311Token, token), like(requests.areaCode, `${districtPrefix}%`)));
  return row ?? null;
}

export interface GeoListFilter {
  districtPrefix: string;
  numbers?: string[] | undefined;
  categoryIds?: string[] | undefined;
  start: Date;
  end: Date;
  statuses?: readonly GeoRequestRow['status'][] | undefined;
  limit: number;
}

/** Requests of a jurisdiction, newest first (the standard's GET requests); ids filter instead of the dates. */
export async function listForGeo(db: DbOrTx, f: GeoListFilter): Promise<GeoRequestRow[]> {
  const where = and(
    like(requests.areaCode, `${f.districtPrefix}%`),
    f.numbers
      ? inArray(requests.number, f.numbers)
      : and(gte(requests.createdAt, f.start), lte(requests.createdAt, f.end)),
    f.categoryIds ? inArray(requests.categoryId, f.categoryIds) : undefined,
    f.statuses ? inArray(requests.status, [...f.statuses]) : undefined,
  );
  if (f.categoryIds?.length === 0 || f.numbers?.length === 0) return [];
  return db.select().from(requests).where(where).orderBy(desc(requests.createdAt), desc(requests.id)).limit(f.limit);
}
