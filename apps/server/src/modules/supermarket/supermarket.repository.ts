import { and, asc, count, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { byKey, inSameArea } from '../../platform/colocated';
import { inCommunities, inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { supermarketItems, supermarketStockMovements, supermarkets } from './supermarket.tables';

// Supermarkets, items and the stock ledger. Stock changes only through changeStock(), which writes the ledger row in
// the caller's transaction; redemptions are in redemption.repository.ts.

export type SupermarketRow = typeof supermarkets.$inferSelect;
export type ItemRow = typeof supermarketItems.$inferSelect;
export type MovementRow = typeof supermarketStockMovements.$inferSelect;
type Paging = { page: number; pageSize: number };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listSupermarkets(
  db: DbOrTx,
  filter: { prefixes: readonly string[]; areaCode?: string | undefined; activeOnly?: boolean } & Paging,
) {
  const where = and(
    inScope(supermarkets.areaCode, filter.prefixes),
    filter.areaCode ? eq(supermarkets.areaCode, filter.areaCode) : undefined,
    filter.activeOnly ? eq(supermarkets.active, true) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(supermarkets)
      .where(where)
      .orderBy(asc(supermarkets.areaCode), asc(supermarkets.name), asc(supermarkets.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(supermarkets).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** `communities`: where it must lie when the caller knows (the reader's, scopeCommunities): one shard group. */
export async function findSupermarket(
  db: DbOrTx,
  id: string,
  communities: readonly string[] | null = null,
): Promise<SupermarketRow | null> {
  const [row] = await db
    .select()
    .from(supermarkets)
    .where(and(eq(supermarkets.id, id), inCommunities(supermarkets.areaCode, communities)));
  return row ?? null;
}

/** Supermarket id → name (the points module names supermarket accounts by it). */
export async function supermarketNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: supermarkets.id, name: supermarkets.name })
    .from(supermarkets)
    .where(inArray(supermarkets.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function insertSupermarket(db: DbOrTx, row: SupermarketRow) {
  return db.insert(supermarkets).values(row);
}

export function updateSupermarket(db: DbOrTx, id: string, set: Partial<SupermarketRow>) {
  return db.update(supermarkets).set(set).where(eq(supermarkets.id, id));
}

export async function itemCounts(db: DbOrTx, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: supermarketItems.supermarketId, n: count() })
    .from(supermarketItems)
    .where(inArray(supermarketItems.supermarketId, [...ids]))
    .groupBy(supermarketItems.supermarketId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function listItems(
  db: DbOrTx,
  filter: {
    prefixes: readonly string[];
    supermarketId?: string | undefined;
    category?: string | undefined;
    q?: string | undefined;
    activeOnly?: boolean;
  } & Paging,
) {
  const where = and(
    inScope(supermarketItems.areaCode, filter.prefixes),
    filter.supermarketId ? eq(supermarketItems.supermarketId, filter.supermarketId) : undefined,
    filter.category ? eq(supermarketItems.category, filter.category) : undefined,
    filter.q ? ilike(supermarketItems.name, `%${escapeLike(filter.q)}%`) : undefined,
    filter.activeOnly ? eq(supermarketItems.active, true) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(supermarketItems)
      .where(where)
      .orderBy(asc(supermarketItems.category), asc(supermarketItems.name), asc(supermarketItems.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(supermarketItems).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findItem(db: DbOrTx, id: string): Promise<ItemRow | null> {
  const [row] = await db.select().from(supermarketItems).where(eq(supermarketItems.id, id));
  return row ?? null;
}

/** Items by id in one community (their supermarket's): one shard group. */
export async function findItems(db: DbOrTx, ids: readonly string[], areaCode: string): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(supermarketItems)
    .where(and(eq(supermarketItems.areaCode, areaCode), inArray(supermarketItems.id, [...ids])));
}

export function insertItem(db: DbOrTx, row: ItemRow) {
  return db.insert(supermarketItems).values(row);
}

export function updateItem(
  db: DbOrTx,
  id: string,
  set: Partial<Pick<ItemRow, 'name' | 'category' | 'unit' | 'pricePoints' | 'active' | 'updatedAt'>>,
) {
  return db.update(supermarketItems).set(set).where(eq(supermarketItems.id, id));
}

/**
 * Moves an item's stock by `delta` only if it stays at or above zero (one conditional UPDATE: under concurrent
 * redemptions the row lock orders them and each sees the stock the previous one left), then writes the ledger row.
 * Returns the new stock, or null when there was not enough (nothing written).
 */
export async function changeStock(
  tx: DbOrTx,
  item: Pick<ItemRow, 'id' | 'supermarketId' | 'areaCode'>,
  delta: number,
  movement: Omit<MovementRow, 'id' | 'supermarketId' | 'itemId' | 'areaCode' | 'quantity' | 'stockAfter'> & {
    id: string;
  },
): Promise<number | null> {
  const [row] = await tx
    .update(supermarketItems)
    .set({ stock: sql`${supermarketItems.stock} + ${delta}`, updatedAt: movement.createdAt })
    .where(
      and(byKey(supermarketItems.id, supermarketItems.areaCode, item), sql`${supermarketItems.stock} + ${delta} >= 0`),
    )
    .returning({ stock: supermarketItems.stock });
  if (!row) return null;
  await tx.insert(supermarketStockMovements).values({
    ...movement,
    supermarketId: item.supermarketId,
    itemId: item.id,
    areaCode: item.areaCode,
    quantity: delta,
    stockAfter: row.stock,
  });
  return row.stock;
}

export type MovementFilter = {
  prefixes: readonly string[];
  supermarketId?: string | undefined;
  itemId?: string | undefined;
  kind?: string | undefined;
};

function movementWhere(filter: MovementFilter) {
  return and(
    inScope(supermarketStockMovements.areaCode, filter.prefixes),
    filter.supermarketId ? eq(supermarketStockMovements.supermarketId, filter.supermarketId) : undefined,
    filter.itemId ? eq(supermarketStockMovements.itemId, filter.itemId) : undefined,
    filter.kind ? eq(supermarketStockMovements.kind, filter.kind) : undefined,
  );
}

export async function listMovements(db: DbOrTx, filter: MovementFilter & Paging) {
  const where = movementWhere(filter);
  const [rows, [total]] = await Promise.all([
    db
      .select({ m: supermarketStockMovements, itemName: supermarketItems.name, unit: supermarketItems.unit })
      .from(supermarketStockMovements)
      .innerJoin(
        supermarketItems,
        inSameArea(
          eq(supermarketItems.id, supermarketStockMovements.itemId),
          supermarketItems,
          supermarketStockMovements,
        ),
      )
      .where(where)
      .orderBy(desc(supermarketStockMovements.createdAt), desc(supermarketStockMovements.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(supermarketStockMovements).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}
