import { and, count, desc, eq } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { placesItems } from './places.tables';

export type PlacesItemRow = typeof placesItems.$inferSelect;

export async function listPlacesItems(db: DbOrTx, filter: { prefixes: readonly string[]; areaCode?: string | undefined; page: number; pageSize: number }) {
  const where = and(inScope(placesItems.areaCode, filter.prefixes), filter.areaCode ? eq(placesItems.areaCode, filter.areaCode) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(placesItems).where(where).orderBy(desc(placesItems.createdAt), desc(placesItems.id))
      .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(placesItems).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findPlacesItem(db: DbOrTx, id: string): Promise<PlacesItemRow | null> {
  const [row] = await db.select().from(placesItems).where(eq(placesItems.id, id));
  return row ?? null;
}

export function insertPlacesItem(db: DbOrTx, row: typeof placesItems.$inferInsert) {
  return db.insert(placesItems).values(row);
}
