import pg from 'pg';

/**
 * Named prepared statements on PostgreSQL: a `pg.Client` that gives every parameterised statement a name of its own
 * on its connection, so PostgreSQL parses it once per connection and keeps its plan (issue 13 goal 3).
 *
 * Why: a worker's request at city scale ran six statements, each spending ~0.1–0.4 ms in Parse and ~0.4 ms in Bind
 * (planning) on the database before 0.1–0.4 ms of execution (the statement log, 2026-12-04). A named statement is
 * parsed once per connection; PostgreSQL plans it afresh for its first five runs and then keeps a generic plan when
 * that plan's estimated cost is no worse than the fresh ones' (plan_cache_mode = auto). Measured on the bench (same
 * box and data, prepared statements off → on, `bench/results/2026-12-04-*-statements-*.json`): at community scale a
 * worker's pages one at a time 11–14 → 6–10 ms; with every plan made afresh (force_custom_plan) the gain was gone, so
 * it is the planning that is saved.
 *
 * Not a statement that matches a LIKE pattern given as a value (every jurisdiction scope: `area_code LIKE $1`): its
 * generic plan cannot know how much of a table the prefix covers, and took a district's thousands of rows for a few
 * dozen, with an estimated cost low enough to be chosen. Measured at city scale: the district dashboard's by-worker statement 17 ms with a plan for its values, 42 ms
 * with the generic plan PostgreSQL chose after five runs (sorting 5,600 groups estimated at 29 and re-summing them for
 * each row of the page); the dashboard went from 11 to 68 ms. Those statements stay unnamed, planned with their values.
 *
 * Only what pg would already send with the extended protocol gets a name (a text with at least one value): scripts
 * without values still go as simple queries, several statements in one text included. Bulk statements (long texts,
 * many values) stay unnamed, and a connection keeps at most STATEMENTS_PER_CONNECTION names (about 20–50 KB of
 * backend memory each). A statement whose kept plan no longer fits its result (DDL changed a table under it, 0A000)
 * fails once, as PostgreSQL reports it; its next run is parsed again under a new name.
 */
export const STATEMENTS_PER_CONNECTION = 300;
const MAX_NAMED_TEXT = 16_000;
const MAX_NAMED_VALUES = 256;

/**
 * The client class for Linli's pools: PreparedStatementClient unless LINLI_PG_PREPARED_STATEMENTS=off — for a
 * connection pooler that hands one session's statements to another (PgBouncer in transaction mode before 1.21), and
 * for measuring the difference (the bench's floor follows the same switch).
 */
export function poolClientClass(): typeof pg.Client {
  return process.env.LINLI_PG_PREPARED_STATEMENTS === 'off' ? pg.Client : PreparedStatementClient;
}

/** A LIKE (or ILIKE) whose pattern is a parameter: the plan depends on the pattern's value. */
const LIKE_PARAMETER = /\bI?LIKE\s+\$\d/i;

type QueryConfigLike = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };

/** PostgreSQL's answer when a kept plan's result columns changed under it (DDL since the Parse); PGlite's too. */
export const isStalePlan = (error: unknown) =>
  (error as { code?: string } | null)?.code === '0A000' && /cached plan/.test(String((error as Error).message));

export class PreparedStatementClient extends pg.Client {
  /** This connection's statement names by SQL text. */
  readonly statementNames = new Map<string, string>();
  /** Names handed out on this connection, stale ones included (each is a statement PostgreSQL keeps). */
  namesGiven = 0;

  /** How many statements this connection has named (tests). */
  get namedStatements(): number {
    return this.statementNames.size;
  }
}

type QueryArgs = unknown[];
/**
 * pg.Client's own query(), looked up at each call: whatever wraps it (a test recording statements, tracing) sees the
 * named statements too.
 */
const pgQuery = (client: pg.Client, args: QueryArgs): unknown =>
  (pg.Client.prototype.query as (this: pg.Client, ...a: QueryArgs) => unknown).apply(client, args);

/** The config to send: the caller's, or a copy with this connection's name for its text; null = send as given. */
function namedConfig(client: PreparedStatementClient, [first, second]: QueryArgs): object | null {
  const config: QueryConfigLike | null =
    typeof first === 'string'
      ? { text: first }
      : first && typeof first === 'object' && typeof (first as QueryConfigLike).submit !== 'function'
        ? (first as QueryConfigLike)
        : null;
  const values = Array.isArray(second) ? second : config?.values;
  const text = config?.text;
  if (
    !config ||
    Boolean(config.name) || // the caller's own name: left to pg as given
    typeof text !== 'string' ||
    !Array.isArray(values) ||
    values.length === 0 ||
    values.length > MAX_NAMED_VALUES ||
    text.length > MAX_NAMED_TEXT ||
    LIKE_PARAMETER.test(text)
  )
    return null;
  let name = client.statementNames.get(text);
  if (!name) {
    if (client.namesGiven >= STATEMENTS_PER_CONNECTION) return null;
    name = `linli_${++client.namesGiven}`;
    client.statementNames.set(text, name);
  }
  // A copy: drizzle reuses one config object for a statement across calls and connections.
  return { ...config, text, name };
}

// pg's overloads (config or text, values, callback) pass through untouched but for the added name, so the class keeps
// pg.Client's own types for query().
PreparedStatementClient.prototype.query = function query(this: PreparedStatementClient, ...args: QueryArgs) {
  const named = namedConfig(this, args);
  if (!named) return pgQuery(this, args);
  const text = (named as { text: string }).text;
  const forget = (error: unknown) => {
    if (isStalePlan(error)) this.statementNames.delete(text); // parsed again under a new name next time
  };
  const rest = args.slice(1);
  const callback = rest[rest.length - 1];
  if (typeof callback === 'function') {
    // pg.Pool's query() passes a callback.
    rest[rest.length - 1] = (error: unknown, result: unknown) => {
      forget(error);
      (callback as (e: unknown, r: unknown) => void)(error, result);
    };
    return pgQuery(this, [named, ...rest]);
  }
  const result = pgQuery(this, [named, ...rest]);
  if (!(result instanceof Promise)) return result;
  return result.catch((error: unknown) => {
    forget(error);
    throw error;
  });
} as pg.Client['query'];
