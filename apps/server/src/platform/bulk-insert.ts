import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './db';

/** Inserts many rows, `chunkSize` a statement, each statement a columnarInsert. */
export async function insertColumnar<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
  chunkSize = 5000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize)
    await db.execute(columnarInsert(table, rows.slice(start, start + chunkSize)));
}

/**
 * An INSERT of many rows with one bind parameter per column:
 * `INSERT INTO t (a, b) SELECT * FROM unnest($1::uuid[], $2::text[])`. A multi-row VALUES list through the query
 * builder costs a parameter and a round of type checks per cell; this sends each column as one array literal (one
 * string, built here: cheaper to build than the driver's, and it is all a statement in flight keeps), which is what
 * a 100,000-row ledger import needs. A column with one value throughout (a community, a creator, a time, NULL)
 * travels once as a scalar. Array-typed columns travel as nested array literals and are cast back per row. Rows may
 * omit columns; an omitted column is NULL (so only use this where no column relies on a DB default). Returned as
 * SQL to run alone or inside a larger statement (a data-modifying WITH clause, with RETURNING). `rows` must not be
 * empty.
 */
export function columnarInsert<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  const columns = Object.entries(getTableColumns(table));
  const present = columns.filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const selects: SQL[] = [];
  const arrays: SQL[] = [];
  const arrayNames: SQL[] = [];
  for (const [index, [key, column]] of present.entries()) {
    const type = column.getSQLType();
    const isArray = type.endsWith('[]');
    const values = rows.map((row) => asText((row as Record<string, unknown>)[key], isArray));
    const name = sql.identifier(column.name);
    // The first column always goes as an array, so that unnest has one.
    if (index > 0 && values.every((v) => v === values[0])) {
      selects.push(sql`${sql.param(values[0])}::${sql.raw(type)}`);
      continue;
    }
    arrays.push(sql`${sql.param(arrayLiteral(values))}::${sql.raw(isArray ? 'text' : type)}[]`);
    arrayNames.push(sql`${name}`);
    selects.push(isArray ? sql`${name}::${sql.raw(type)}` : sql`${name}`);
  }
  const names = sql.join(
    present.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  return sql`INSERT INTO ${sql.identifier(getTableName(table))} (${names})
      SELECT ${sql.join(selects, sql`, `)} FROM unnest(${sql.join(arrays, sql`, `)}) AS u(${sql.join(arrayNames, sql`, `)})`;
}

/** A value as PostgreSQL's input function for the column reads it; null for NULL. */
function asText(value: unknown, arrayColumn: boolean): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (arrayColumn && Array.isArray(value))
    return arrayLiteral(value.map((v: unknown) => (v === null || v === undefined ? null : String(v))));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `{"a","b",NULL}`: every element quoted, so commas, braces, spaces and the word NULL stay data. */
function arrayLiteral(values: readonly (string | null)[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null;
    if (i > 0) text += ',';
    text += value === null ? 'NULL' : `"${NEEDS_ESCAPE.test(value) ? value.replace(/["\\]/g, '\\$&') : value}"`;
  }
  return `${text}}`;
}

const NEEDS_ESCAPE = /["\\]/;
