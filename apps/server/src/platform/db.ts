import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import * as schema from '../db/schema';
import { pgliteStatements } from './pglite-statements';
import { poolClientClass } from './pg-statements';

export type Schema = typeof schema;
/** One Drizzle type over both engines: services and repositories never know which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * The database role the server's queries run as (migration 0010, ADR 0006): DML on the application's tables, only
 * SELECT on the audit tables, which it writes through SECURITY DEFINER functions.
 */
export const APP_ROLE = 'linli_app';

export interface Database {
  /** Runs as APP_ROLE (once migrations have created it). */
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` on one dedicated connection (advisory locks and multi-statement scripts need that);
   * `exec` runs a script without parameters and returns the rows of its last statement.
   */
  withConnection<T>(fn: (exec: ScriptRunner) => Promise<T>): Promise<T>;
  /**
   * Like withConnection, but as the role that logged in (the schema owner), not APP_ROLE: for migrations and for
   * tests that tamper with the audit tables on purpose, never for request code. Each `exec` call is one
   * transaction of its own (scripts must not BEGIN or COMMIT themselves).
   */
  withOwnerConnection<T>(fn: (exec: ScriptRunner) => Promise<T>): Promise<T>;
  /** Switches `db` to APP_ROLE after migrations created it (PGlite; pooled PostgreSQL connections log in with it). */
  useAppRole(): Promise<void>;
  /** A streaming replica for routed reads (DATABASE_REPLICA_URL, ADR 0008); null or absent = every read on `db`. */
  replica?: ReplicaPool | null;
  /** Closes the replica's pool too. */
  close(): Promise<void>;
}

/** A read-only pool on a hot standby: only ever handed out by the read router (platform/read-replica.ts). */
export interface ReplicaPool {
  db: Db;
  close(): Promise<void>;
}

export type ScriptRunner = (sqlText: string) => Promise<Record<string, unknown>[]>;

export interface DbConfig {
  databaseUrl: string | null;
  /** PGlite directory, or 'memory://' for an in-memory database. */
  dataDir: string;
  poolSize?: number;
  /** A streaming replica of `databaseUrl` for dashboards, exports and ledger reads (ADR 0008); PostgreSQL only. */
  replicaUrl?: string | null;
}

export async function createDb(config: DbConfig): Promise<Database> {
  if (config.replicaUrl && !config.databaseUrl)
    throw new Error('DATABASE_REPLICA_URL needs DATABASE_URL: a read replica is a standby of a PostgreSQL primary');
  if (config.databaseUrl) {
    const database = createPostgresDb(config.databaseUrl, config.poolSize ?? 10);
    if (!config.replicaUrl) return database;
    const replica = openPool(config.replicaUrl, config.poolSize ?? 10, true);
    return {
      ...database,
      replica,
      close: async () => {
        await replica.close();
        await database.close();
      },
    };
  }
  return createPgliteDb(config.dataDir);
}

/**
 * A pool whose connections work in UTC so timestamps never depend on the server's zone, and as the application
 * role: set at login, so a connection that cannot take the role fails to open rather than running as the owner.
 * A replica's pool gives up connecting after 2 s (the read router then falls back to the primary). Parameterised
 * statements are prepared once per connection (pg-statements.ts). An idle connection is kept for 5 minutes, not
 * pg-pool's 10 s: each new one prepares its statements again, and on a Citus coordinator opens its own connections to
 * the workers at its first multi-shard statements (the 5-second rollup fold took 150–470 ms on a new connection of
 * the test cluster, 27–55 ms once that connection had run it a few times).
 */
function openPool(url: string, poolSize: number, replica = false) {
  const pool = new pg.Pool({
    Client: poolClientClass(),
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 5 * 60_000,
    options: `-c timezone=UTC -c role=${APP_ROLE}${replica ? ' -c default_transaction_read_only=on' : ''}`,
    ...(replica ? { connectionTimeoutMillis: 2000 } : {}),
  });
  // pg-pool's end() resolves before the sockets have closed, and drops its own error listener from a client
  // it is ending. A server-side termination in that gap (a restart, or a test dropping its database) would
  // otherwise surface as an unhandled 'error' event. Queries still see their own errors; this only keeps
  // the process alive, and close() waits until every connection has really ended.
  const open = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    open.add(client);
    client.on('error', () => undefined);
    client.once('end', () => open.delete(client));
  });
  // A replica that goes away surfaces as query errors (and a fallback to the primary), never as an unhandled event.
  if (replica) pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    pool,
    db,
    async close() {
      const ended = [...open].map((client) => new Promise<void>((resolve) => client.once('end', () => resolve())));
      await pool.end();
      await Promise.all(ended);
    },
  };
}

function createPostgresDb(databaseUrl: string, poolSize: number): Database {
  const { pool, db, close } = openPool(databaseUrl, poolSize);
  return {
    db,
    kind: 'postgres',
    async withConnection(fn) {
      const conn = await pool.connect();
      try {
        return await fn(async (sqlText) => lastRows((await conn.query(sqlText)) as unknown as PgResults));
      } finally {
        conn.release();
      }
    },
    withOwnerConnection: (fn) => withPostgresOwner(databaseUrl, fn),
    async useAppRole() {},
    close,
  };
}

type PgResults = pg.QueryResult | pg.QueryResult[];
const lastRows = (result: PgResults) =>
  ((Array.isArray(result) ? result[result.length - 1] : result)?.rows ?? []) as Record<string, unknown>[];

/** A connection of its own, outside the pool (the pool's connections never leave the application role). */
async function withPostgresOwner<T>(databaseUrl: string, fn: (exec: ScriptRunner) => Promise<T>): Promise<T> {
  const conn = new pg.Client({ connectionString: databaseUrl, options: '-c timezone=UTC' });
  conn.on('error', () => undefined);
  await conn.connect();
  try {
    return await fn(async (sqlText) => {
      await conn.query('BEGIN');
      try {
        const result = (await conn.query(sqlText)) as unknown as PgResults;
        await conn.query('COMMIT');
        return lastRows(result);
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  } finally {
    await conn.end();
  }
}

/**
 * PGlite's shared buffers live in the server process's own memory (the WASM heap, which never shrinks). PostgreSQL's
 * default of 128 MB made the embedded server idle at ~350 MB; 32 MB measured 120 MB less after the same scans, and the
 * data files stay in the OS page cache anyway (issue 13 goal 5). LINLI_PGLITE_SHARED_BUFFERS overrides it.
 */
const PGLITE_SHARED_BUFFERS = process.env.LINLI_PGLITE_SHARED_BUFFERS ?? '32MB';

async function createPgliteDb(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(inMemory ? undefined : dataDir, {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  await client.waitReady;
  await client.exec("SET TIME ZONE 'UTC'");
  // Named prepared statements, one trip into the WASM backend per query (pglite-statements.ts).
  const db = drizzlePglite({ client: pgliteStatements(client) as unknown as PGlite, schema }) as unknown as Db;
  // One embedded session: it runs as the application role for good once the role exists (after migration 0010).
  const useAppRole = async () => {
    const { rows } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (rows.length) await client.exec(`SET ROLE ${APP_ROLE}`);
  };
  await useAppRole();
  return {
    db,
    kind: 'pglite',
    async withConnection(fn) {
      return fn(async (sqlText) => {
        const results = await client.exec(sqlText);
        return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
      });
    },
    async withOwnerConnection(fn) {
      return fn(async (sqlText) =>
        // PGlite's transaction holds the session for its whole length (other queries wait), and SET LOCAL ends with
        // it, committed or rolled back: nothing else ever runs as the owner.
        client.transaction(async (tx) => {
          await tx.exec('SET LOCAL ROLE NONE');
          const results = await tx.exec(sqlText);
          return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
        }),
      );
    },
    useAppRole,
    async close() {
      await client.close();
    },
  };
}

/** `db.execute` is typed loosely across drivers; both return `{ rows }`. */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
