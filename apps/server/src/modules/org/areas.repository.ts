import { and, asc, count, desc, eq, inArray, like, or } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { areaChanges, areas } from './areas.tables';

export type AreaRow = typeof areas.$inferSelect;

/** A new active area at version 1 (created, imported, or a grid moved by a merge). */
export function newAreaRow(area: Pick<AreaRow, 'code' | 'parentCode' | 'level' | 'name'>, at: Date): AreaRow {
  return { ...area, status: 'active', mergedInto: null, version: 1, createdAt: at, updatedAt: at };
}

export async function findArea(db: DbOrTx, code: string): Promise<AreaRow | null> {
  const [row] = await db.select().from(areas).where(eq(areas.code, code));
  return row ?? null;
}

export function findAreas(db: DbOrTx, codes: string[]): Promise<AreaRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.select().from(areas).where(inArray(areas.code, codes));
}

export function listAreasInScope(db: DbOrTx, prefixes: readonly string[]): Promise<AreaRow[]> {
  return db.select().from(areas).where(inScope(areas.code, prefixes)).orderBy(asc(areas.code));
}

export function childrenOf(db: DbOrTx, code: string): Promise<AreaRow[]> {
  return db.select().from(areas).where(eq(areas.parentCode, code)).orderBy(asc(areas.code));
}

export async function countChildren(db: DbOrTx, code: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(areas).where(eq(areas.parentCode, code));
  return Number(row?.n ?? 0);
}

/** Highest local grid number used under a community, merged ones included (codes are never reused). */
export async function lastGridNumber(db: DbOrTx, communityCode: string): Promise<number> {
  const rows = await db
    .select({ code: areas.code })
    .from(areas)
    .where(and(eq(areas.level, 'grid'), like(areas.code, `${communityCode}%`)))
    .orderBy(desc(areas.code))
    .limit(1);
  return rows[0] ? Number(rows[0].code.slice(12)) : 0;
}

export function insertArea(db: DbOrTx, row: typeof areas.$inferInsert) {
  return db.insert(areas).values(row);
}

export function updateArea(db: DbOrTx, code: string, patch: Partial<typeof areas.$inferInsert>) {
  return db.update(areas).set(patch).where(eq(areas.code, code));
}

export function insertAreaChange(db: DbOrTx, row: typeof areaChanges.$inferInsert) {
  return db.insert(areaChanges).values(row);
}

export function listAreaChanges(db: DbOrTx, code: string) {
  return db
    .select()
    .from(areaChanges)
    .where(or(eq(areaChanges.areaCode, code)))
    .orderBy(desc(areaChanges.at), desc(areaChanges.version));
}
