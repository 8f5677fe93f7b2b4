import { type PGlite, type QueryOptions, type Results, type Transaction, parse, protocol } from '@electric-sql/pglite';
import { isStalePlan } from './pg-statements';

/**
 * Named prepared statements for the embedded PGlite, behind the interface drizzle's PGlite driver calls (query, exec,
 * transaction).
 *
 * Why (issue 13 goal 2): PGlite's own `query()` runs every call as six separate trips into the WASM backend (Parse,
 * Describe statement, Bind, Describe portal, Execute, Sync) and plans the statement every time. Measured on the
 * community bench data: a one-row lookup by client took 1.1–2.5 ms that way and 0.45–0.6 ms here; `SELECT 1` 0.41 →
 * 0.13 ms. Here each SQL text is parsed once under a name (with its parameter types, so values are serialised by
 * PGlite's own serialisers exactly as `query()` would), and every later call is one trip: Bind, Describe portal,
 * Execute, Sync in one buffer, parsed into rows by PGlite's own `parseResults`. PostgreSQL keeps the plan.
 *
 * The locks are PGlite's: a call outside a transaction waits for any open transaction and then for the query lock
 * (as `query()` does); inside a transaction only for the query lock. Statements too long or with too many parameters
 * to be worth keeping (bulk inserts) and queries with a blob go through PGlite's `query()` unchanged.
 */

/** PGlite's internals used here: its two locks and its type serialisers and parsers (all present on the instance). */
interface PgliteInternals {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _checkReady(): Promise<void>;
  serializers: Record<number, (value: unknown) => string>;
  parsers: Record<number, (value: string, typeId?: number) => unknown>;
}

/** Statements kept per database (~20 KB of backend memory each, measured for a join), least recently used closed. */
export const STATEMENT_CACHE_SIZE = 500;
const MAX_CACHED_TEXT = 16_000;
const MAX_CACHED_PARAMS = 256;
const ser = protocol.serialize;

interface Statement {
  name: string;
  paramTypes: number[];
}

type QueryFn = <T>(text: string, params?: unknown[], options?: QueryOptions) => Promise<Results<T>>;

/** The subset of PGlite that drizzle's driver uses, with `query` going through named statements. */
export interface PgliteStatementClient {
  query: QueryFn;
  exec: PGlite['exec'];
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** How many statements are kept now (tests). */
  readonly cachedStatements: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The kept statements of one PGlite database and the one-trip call through them. */
class StatementCache {
  private readonly statements = new Map<string, Statement>();
  private counter = 0;

  constructor(
    private readonly client: PGlite,
    private readonly internals: PgliteInternals,
  ) {}

  get size() {
    return this.statements.size;
  }

  /** One call under the query lock: errors carry the query like PGlite's own; a stale plan is parsed again once. */
  locked<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    return this.internals._runExclusiveQuery(async () => {
      try {
        return await this.run<T>(text, params, options);
      } catch (error) {
        const stale = this.statements.get(text);
        if (stale && isStalePlan(error)) {
          this.statements.delete(text);
          await this.send([ser.close({ type: 'S', name: stale.name }), ser.sync()]);
          return this.run<T>(text, params, options);
        }
        Object.assign(error as object, { query: text, params, queryOptions: options });
        throw error;
      }
    });
  }

  private send(parts: Uint8Array[]) {
    return this.client.execProtocol(concat(parts), { syncToFs: false });
  }

  /** Parse (closing the least recently used statement if the cache is full) and learn the parameter types. */
  private async prepare(text: string): Promise<Statement> {
    const parts: Uint8Array[] = [];
    if (this.statements.size >= STATEMENT_CACHE_SIZE) {
      const [oldestText, oldest] = this.statements.entries().next().value as [string, Statement];
      this.statements.delete(oldestText);
      parts.push(ser.close({ type: 'S', name: oldest.name }));
    }
    const name = `linli_s${++this.counter}`;
    parts.push(ser.parse({ name, text }), ser.describe({ type: 'S', name }), ser.sync());
    const { messages } = await this.send(parts);
    const description = messages.find((m) => m.name === 'parameterDescription') as
      { dataTypeIDs: number[] } | undefined;
    const statement = { name, paramTypes: description?.dataTypeIDs ?? [] };
    this.statements.set(text, statement);
    return statement;
  }

  private async run<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    let statement = this.statements.get(text);
    if (statement) {
      // Most recently used last, so the one closed when the cache is full is the least recently used.
      this.statements.delete(text);
      this.statements.set(text, statement);
    } else statement = await this.prepare(text);
    const types = statement.paramTypes;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialise = options?.serializers?.[types[i]!] ?? this.internals.serializers[types[i]!];
      return serialise ? serialise(value) : String(value);
    });
    const { messages } = await this.send([
      ser.bind({ statement: statement.name, values: values as string[] }),
      ser.describe({ type: 'P' }),
      ser.execute({}),
      ser.sync(),
    ]);
    return parse.parseResults(messages, this.internals.parsers, options)[0] as Results<T>;
  }
}

const cacheable = (text: string, params: unknown[], options: QueryOptions | undefined) =>
  !options?.blob && !options?.paramTypes && text.length <= MAX_CACHED_TEXT && params.length <= MAX_CACHED_PARAMS;

/** Wraps a PGlite instance for drizzle: `query` through named statements, the rest PGlite's own. */
export function pgliteStatements(client: PGlite): PgliteStatementClient {
  const internals = client as unknown as PgliteInternals;
  const cache = new StatementCache(client, internals);
  const query: QueryFn = async (text, params = [], options) => {
    if (!cacheable(text, params, options)) return client.query(text, params, options);
    await internals._checkReady();
    const result = await internals._runExclusiveTransaction(() => cache.locked(text, params, options));
    await client.syncToFs();
    return result as never;
  };
  const inTransaction = (tx: Transaction): Transaction => ({
    get closed() {
      return tx.closed;
    },
    query: async (text, params = [], options) => {
      if (!cacheable(text, params, options)) return tx.query(text, params, options);
      if (tx.closed) throw new Error('Transaction is closed');
      return cache.locked(text, params, options) as never;
    },
    sql: tx.sql,
    exec: tx.exec,
    rollback: tx.rollback,
    listen: tx.listen,
  });
  return {
    query,
    exec: (text, options) => client.exec(text, options),
    transaction: (fn) => client.transaction((tx) => fn(inTransaction(tx))),
    get cachedStatements() {
      return cache.size;
    },
  };
}
