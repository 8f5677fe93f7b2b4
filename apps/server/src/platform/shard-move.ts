import { type SQL, sql } from 'drizzle-orm';
import { CITUS_INSTALLED } from './citus';
import { queryRows, type DbOrTx } from './db';

/**
 * Re-coding rows on a Citus cluster (issue 14, ADR 0009 change 6): a merged community's rows, a volunteer who
 * registers again from another community. `area_code` is the distribution column there and Citus refuses an UPDATE
 * of it ("modifying the partition value of rows is not allowed"), so each table's rows are copied under the new code
 * and the old ones deleted. The foreign keys between these tables include the area code (`(area_code, x_id) ->
 * (area_code, id)`), so the copies are made parents first and the old rows deleted children first: no key ever points
 * at a missing row, and no ON DELETE action fires on a row that still counts. Triggers see an insert and a delete, which is what an UPDATE of the code means to them
 * (the visits rollup subtracts from the old community and adds to the new one).
 */

/** Tables hash-distributed by area_code; empty on plain PostgreSQL and PGlite (no Citus metadata). */
export async function tablesDistributedByArea(tx: DbOrTx): Promise<Set<string>> {
  const [citus] = await queryRows<{ present: number }>(tx, sql.raw(CITUS_INSTALLED));
  if (!citus) return new Set();
  const rows = await queryRows<{ name: string }>(
    tx,
    sql`SELECT c.relname AS name FROM pg_dist_partition p JOIN pg_catalog.pg_class c ON c.oid = p.logicalrelid
        WHERE p.partmethod = 'h' AND column_to_column_name(p.logicalrelid, p.partkey) = 'area_code'`,
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Moves the rows of `tables` from one area code to another: all of them, or for a table named in `only` just the
 * rows its condition picks (a volunteer and their own record entries, not the whole community).
 */
export async function moveBetweenShards(
  tx: DbOrTx,
  tables: string[],
  fromCode: string,
  toCode: string,
  only: Partial<Record<string, SQL>> = {},
) {
  const order = await parentsFirst(tx, tables);
  const picked = (table: string) => (only[table] ? sql` AND (${only[table]})` : sql``);
  for (const table of order) {
    const columns = await insertableColumns(tx, table);
    const target = sql.join(
      columns.map((c) => sql.identifier(c)),
      sql`, `,
    );
    const values = sql.join(
      columns.map((c) => (c === 'area_code' ? sql`${toCode}::text` : sql.identifier(c))),
      sql`, `,
    );
    // The copy keeps every value, identity columns' too (request_events.seq orders a request's history).
    await tx.execute(sql`INSERT INTO ${sql.identifier(table)} (${target}) OVERRIDING SYSTEM VALUE
      SELECT ${values} FROM ${sql.identifier(table)} WHERE area_code = ${fromCode}${picked(table)}`);
  }
  for (const table of [...order].reverse())
    await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE area_code = ${fromCode}${picked(table)}`);
}

/** The tables ordered so that every table comes after the tables its foreign keys point at (self-references aside). */
async function parentsFirst(tx: DbOrTx, tables: string[]): Promise<string[]> {
  const edges = await queryRows<{ child: string; parent: string }>(
    tx,
    sql`SELECT c.relname AS child, p.relname AS parent FROM pg_catalog.pg_constraint k
        JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_class p ON p.oid = k.confrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname <> p.relname`,
  );
  const wanted = new Set(tables);
  const parents = new Map<string, string[]>(tables.map((t) => [t, []]));
  for (const e of edges) if (wanted.has(e.child) && wanted.has(e.parent)) parents.get(e.child)!.push(e.parent);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const parent of parents.get(table)!) visit(parent);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table);
  return ordered;
}

/** Every column a row can be copied through: generated columns compute themselves. */
async function insertableColumns(tx: DbOrTx, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    tx,
    sql`SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER'
        ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.name);
}
