import { sql } from 'drizzle-orm';
import type { AreaKeyValues } from './colocated';
import type { DbOrTx } from './db';

/**
 * Drizzle queries built once per database handle and run with placeholder values (issue 13 goals 2 and 3).
 *
 * Why: profiling the client detail at city scale (`bench/src/profile-endpoint.ts --path detail`, 2026-12-04) found
 * Drizzle building the SQL of each statement anew — `_prepare` → `sqlToQuery`, its `is()` checks — in 21 % of the
 * server's whole time, ~40 % of the time it was not waiting for PostgreSQL. A query built here keeps its SQL text,
 * its parameter order and its result mapping, and only fills in the values on each call.
 *
 * Kept per handle (a WeakMap keyed by the database or transaction object): a query built on a transaction runs on that
 * transaction's connection, one built on the pool on the pool. The statement is handed to the driver without a name
 * of its own, so PostgreSQL's statement names stay with PreparedStatementClient (pg-statements.ts: one per connection
 * and text, a stale plan forgotten and parsed again), and PGlite's with pgliteStatements().
 */
const built = new WeakMap<object, Map<string, unknown>>();

/** Drizzle's prepare() wants a name; an empty one means "unnamed" to pg, and PGlite's driver does not use it. */
export const UNNAMED = '';

/** The query `build` makes on `db`, made once per handle and key. */
export function preparedOn<Q>(db: DbOrTx, key: string, build: (db: DbOrTx) => Q): Q {
  let queries = built.get(db);
  if (!queries) {
    queries = new Map();
    built.set(db, queries);
  }
  let query = queries.get(key) as Q | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(key, query);
  }
  return query;
}

/** A row's key as placeholders, for `byKey()` in a prepared query: execute it with `{ id, areaCode }`. */
export const AREA_KEY_PLACEHOLDERS: AreaKeyValues = {
  id: sql.placeholder('id'),
  areaCode: sql.placeholder('areaCode'),
};
