import { eq, getTableName, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
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
 * Kept per handle (a WeakMap keyed by the database or transaction object): a query used on a transaction runs on that
 * transaction's connection, one used on the pool on the pool. The SQL is built once per Drizzle instance: a
 * transaction (a new handle each time) gets a copy of the built query bound to its connection, so the reads and
 * writes inside a transaction (a check-in's) are not built again either. The statement is handed to the driver
 * without a name of its own, so PostgreSQL's statement names stay with PreparedStatementClient (pg-statements.ts: one
 * per connection and text, a stale plan forgotten and parsed again), and PGlite's with pgliteStatements().
 */
const built = new WeakMap<object, Map<string, unknown>>();

/** Drizzle's prepare() wants a name; an empty one means "unnamed" to pg, and PGlite's driver does not use it. */
export const UNNAMED = '';

/**
 * Queries already built, by the Drizzle instance (its session options, which its transactions share) and key: a
 * transaction of that instance — a new handle each time — gets a copy bound to its own connection instead of building
 * the SQL again. Drizzle's prepared query keeps its connection in `client`; its logger and cache come from the same
 * options, so they stay right. Another Drizzle instance (its own logger: the bench's capturing one) builds its own.
 */
const templates = new WeakMap<object, Map<string, unknown>>();

/** The query `build` makes on `db`, made once per handle and key (once per Drizzle instance, copied to transactions). */
export function preparedOn<Q>(db: DbOrTx, key: string, build: (db: DbOrTx) => Q): Q {
  let queries = built.get(db);
  if (!queries) {
    queries = new Map();
    built.set(db, queries);
  }
  let query = queries.get(key) as Q | undefined;
  if (query === undefined) {
    const session = (db as unknown as { session: { client: unknown; options: object } }).session;
    let ofInstance = templates.get(session.options);
    if (!ofInstance) {
      ofInstance = new Map();
      templates.set(session.options, ofInstance);
    }
    const template = ofInstance.get(key) as Q | undefined;
    if (template === undefined) {
      query = build(db);
      ofInstance.set(key, query);
    } else {
      query = boundTo(template, session.client);
    }
    queries.set(key, query);
  }
  return query;
}

/** A copy of a built query that runs on `client` (a transaction's connection). */
function boundTo<Q>(template: Q, client: unknown): Q {
  if ((template as { client?: unknown }).client === client) return template;
  return Object.assign(Object.create(Object.getPrototypeOf(template) as object) as object, template, { client }) as Q;
}

/** A row's key as placeholders, for `byKey()` in a prepared query: execute it with `{ id, areaCode }`. */
export const AREA_KEY_PLACEHOLDERS: AreaKeyValues = {
  id: sql.placeholder('id'),
  areaCode: sql.placeholder('areaCode'),
};

/** The row of `table` whose `id` is this one (a table keyed by `id` alone), through a query built once per table. */
export async function rowById<T extends PgTable & { id: AnyPgColumn }>(
  db: DbOrTx,
  table: T,
  id: string,
): Promise<T['$inferSelect'] | null> {
  const query = preparedOn(db, `byId.${getTableName(table)}`, (d) =>
    d
      .select()
      .from(table as PgTable)
      .where(eq(table.id, sql.placeholder('id')))
      .prepare(UNNAMED),
  );
  const [row] = await query.execute({ id });
  return (row as T['$inferSelect'] | undefined) ?? null;
}
