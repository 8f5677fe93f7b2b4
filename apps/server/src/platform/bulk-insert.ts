import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './db';

/**
 * Inserts many rows with one statement per chunk and one bind parameter per column:
 * `INSERT INTO t (a, b) SELECT * FROM unnest($1::uuid[], $2::text[])`. A multi-row VALUES list through the query
 * builder costs a parameter and a round of type checks per cell; this sends each column as one array, which is what
 * a 100,000-row ledger import needs. Array-typed columns travel as array literals and are cast back per row.
 * Rows may omit columns; an omitted column is NULL (so only use this where no column relies on a DB default).
 */
export async function insertColumnar<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
  chunkSize = 5000,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const present = columns.filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize) as Record<string, unknown>[];
    const selects: SQL[] = [];
    const arrays: SQL[] = [];
    for (const [key, column] of present) {
      const type = column.getSQLType();
      const isArray = type.endsWith('[]');
      const values = chunk.map((row) => toParam(row[key], isArray));
      arrays.push(sql`${sql.param(values)}::${sql.raw(isArray ? 'text' : type)}[]`);
      selects.push(sql`${sql.identifier(column.name)}${sql.raw(isArray ? `::${type}` : '')}`);
    }
    const names = sql.join(
      present.map(([, column]) => sql.identifier(column.name)),
      sql`, `,
    );
    await db.execute(sql`INSERT INTO ${sql.identifier(getTableName(table))} (${names})
      SELECT ${sql.join(selects, sql`, `)} FROM unnest(${sql.join(arrays, sql`, `)}) AS u(${names})`);
  }
}

function toParam(value: unknown, asArrayLiteral: boolean): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (asArrayLiteral && Array.isArray(value))
    return `{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/(["\\])/g, '\\$1')}"`)).join(',')}}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
