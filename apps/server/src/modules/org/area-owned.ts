import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';

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

export async function recodeAreaOwnedRows(tx: DbOrTx, fromCode: string, toCode: string): Promise<void> {
  for (const entry of registry) {
    const table = sql.identifier(entry.table);
    const column = sql.identifier(entry.column);
    if (entry.uniqueWith?.length) {
      // Null-safe: a routing rule "for every category" (category_id NULL) meets its twin in the target area.
      const same = sql.join(
        entry.uniqueWith.map((c) => sql`t2.${sql.identifier(c)} IS NOT DISTINCT FROM ${table}.${sql.identifier(c)}`),
        sql` AND `,
      );
      await tx.execute(sql`DELETE FROM ${table} WHERE ${column} = ${fromCode}
        AND EXISTS (SELECT 1 FROM ${table} t2 WHERE t2.${column} = ${toCode} AND ${same})`);
    }
    await tx.execute(sql`UPDATE ${table} SET ${column} = ${toCode} WHERE ${column} = ${fromCode}`);
  }
}
