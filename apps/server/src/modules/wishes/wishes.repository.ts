import { and, count, desc, eq } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { wishesItems } from './wishes.tables';

export type WishesItemRow = typeof wishesItems.$inferSelect;

export async function listWishesItems(db: DbOrTx, filter: { prefixes: readonly string[]; areaCode?: string | undefined; page: number; pageSize: number }) {
  const where = and(inScope(wishesItems.areaCode, filter.prefixes), filter.areaCode ? eq(wishesItems.areaCode, filter.areaCode) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(wishesItems).where(where).orderBy(desc(wishesItems.createdAt), desc(wishesItems.id))
      .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(wishesItems).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findWishesItem(db: DbOrTx, id: string): Promise<WishesItemRow | null> {
  const [row] = await db.select().from(wishesItems).where(eq(wishesItems.id, id));
  return row ?? null;
}

export function insertWishesItem(db: DbOrTx, row: typeof wishesItems.$inferInsert) {
  return db.insert(wishesItems).values(row);
}
