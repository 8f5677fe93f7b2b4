import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { oneConnectionPerWorker } from '../../platform/colocated';
import { moveBetweenShards, tablesDistributedByArea } from '../../platform/shard-move';

/**
 * Every table whose rows carry an area code registers here, so merging an area re-codes all of them in the
 * same transaction. Modules add their tables at import time (care clients, visits, …).
 */
export interface AreaOwnedColumn {
  table: string;
  column: string;
  /** Columns that, with `column`, form a unique key: rows that would collide after re-coding are dropped. */
  uniqueWith?: string[];
}

const registry: AreaOwnedColumn[] = [{ table: 'user_areas', column: 'area_code', uniqueWith: ['user_id'] }];

export function registerAreaOwned(entry: AreaOwnedColumn): void {
  if (!registry.some((e) => e.table === entry.table && e.column === entry.column)) registry.push(entry);
}

/** The tables a merge re-codes by their `area_code` (schema-distribution.test.ts holds it to the distributed tables). */
export function areaCodedTables(): string[] {
  return [...new Set(registry.filter((e) => e.column === 'area_code').map((e) => e.table))];
}

export async function recodeAreaOwnedRows(tx: DbOrTx, fromCode: string, toCode: string): Promise<void> {
  // On a Citus cluster the area code is the distribution column, which no UPDATE may change (ADR 0009 change 6):
  // those tables' rows are copied under the new code and the old ones deleted, all in this transaction.
  const distributed = await tablesDistributedByArea(tx);
  // The merge writes reference tables after many shards of distributed ones in one transaction.
  if (distributed.size > 0) await oneConnectionPerWorker(tx);
  const moved = new Set<string>();
  for (const entry of registry) {
    const table = sql.identifier(entry.table);
    const column = sql.identifier(entry.column);
    if (entry.uniqueWith?.length) {
      // Null-safe: a routing rule "for every category" (category_id NULL) meets its twin in the target area. The
      // twins are read first (a CTE) rather than in a correlated EXISTS: on Citus the two communities' rows may live
      // on different shards, and a DELETE may only join rows of its own shard to an intermediate result.
      const columns = sql.join(
        entry.uniqueWith.map((c) => sql.identifier(c)),
        sql`, `,
      );
      const same = sql.join(
        entry.uniqueWith.map((c) => sql`twins.${sql.identifier(c)} IS NOT DISTINCT FROM ${table}.${sql.identifier(c)}`),
        sql` AND `,
      );
      await tx.execute(sql`WITH twins AS MATERIALIZED (SELECT ${columns} FROM ${table} WHERE ${column} = ${toCode})
        DELETE FROM ${table} USING twins WHERE ${table}.${column} = ${fromCode} AND ${same}`);
    }
    if (entry.column === 'area_code' && distributed.has(entry.table)) moved.add(entry.table);
    else await tx.execute(sql`UPDATE ${table} SET ${column} = ${toCode} WHERE ${column} = ${fromCode}`);
  }
  if (moved.size > 0) await moveBetweenShards(tx, [...moved], fromCode, toCode);
}
