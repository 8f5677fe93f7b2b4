import { and, eq, type Placeholder, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './db';

interface AreaOwned {
  areaCode: AnyPgColumn;
}

/**
 * The join condition of two area-owned tables, with their community codes equal too. A child row always lies in its
 * parent's community (ADR 0009), so on one PostgreSQL this only restates the key; on Citus, where both tables are
 * distributed by `area_code` and co-located, it is what keeps the join inside one shard group instead of a
 * repartition across the cluster (issue 14).
 */
export function inSameArea(on: SQL, left: AreaOwned, right: AreaOwned): SQL {
  return and(on, eq(left.areaCode, right.areaCode))!;
}

/** A row of a community-owned table named with its community: by-id statements stay on one shard on Citus. */
export interface AreaKey {
  id: string;
  areaCode: string;
}

/** An AreaKey's values, or placeholders for them in a query built once (prepared-queries.ts). */
export type AreaKeyValues = { [K in keyof AreaKey]: AreaKey[K] | Placeholder };

/** `idColumn = key.id` and the row's community: a by-id (or by-parent-id) condition that names its shard. */
export function byKey(idColumn: AnyPgColumn, areaColumn: AnyPgColumn, key: AreaKeyValues): SQL {
  return and(eq(idColumn, key.id), eq(areaColumn, key.areaCode))!;
}

interface AreaOwnedTable extends AreaOwned {
  id: AnyPgColumn;
}

/**
 * The community of a row known by id alone, for a lock that must name its shard: Citus runs `SELECT … FOR UPDATE`
 * only on one shard. The lookup itself (no lock) may visit every shard; on one PostgreSQL it is an index probe.
 * A row re-coded by an area merge between the two statements is not found, as if it had been deleted.
 */
export async function keyOf(db: DbOrTx, table: PgTable & AreaOwnedTable, id: string): Promise<AreaKey | null> {
  const [row] = await db.select({ areaCode: table.areaCode }).from(table).where(eq(table.id, id)).limit(1);
  return row ? { id, areaCode: row.areaCode as string } : null;
}

/**
 * The row of `table` with this id, locked for the caller's transaction (`FOR UPDATE`), or null when there is none.
 * Found by {@link keyOf} first so that the lock names its community: on Citus a row lock runs on one shard only.
 */
export async function lockByKey<T extends PgTable & AreaOwnedTable>(
  db: DbOrTx,
  table: T,
  id: string,
): Promise<T['$inferSelect'] | null> {
  const key = await keyOf(db, table, id);
  if (!key) return null;
  const [row] = await db
    .select()
    .from(table as PgTable)
    .where(byKey(table.id, table.areaCode, key))
    .for('update');
  return (row as T['$inferSelect'] | undefined) ?? null;
}

/**
 * For a transaction that writes reference or coordinator tables (users, the audit outbox) after statements that
 * reached many shards (demo seeds, area merges): Citus allows that only over one connection per worker. Elsewhere
 * the setting is an inert placeholder (PostgreSQL accepts any dotted name).
 */
export async function oneConnectionPerWorker(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);
}
