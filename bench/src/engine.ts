// One handle over either engine, used by the generator and the raw-SQL floors: the same drivers the server uses
// (pg.Pool for PostgreSQL, PGlite in-process), each connection in UTC like the server's.
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../apps/server/src/db/schema';
import type { Db } from '../../apps/server/src/platform/db';
import { pgliteStatements } from '../../apps/server/src/platform/pglite-statements';
import { poolClientClass } from '../../apps/server/src/platform/pg-statements';

export interface Captured {
  sql: string;
  params: unknown[];
}

export interface Engine {
  kind: 'postgres' | 'pglite';
  /** One parameterised statement (pool connection for postgres). */
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs `fn` on one dedicated connection (temp tables, transactions, session settings). */
  withConnection<T>(
    fn: (q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
  ): Promise<T>;
  /** A Drizzle handle over the same driver that records every statement it sends (to copy the server's SQL exactly). */
  capturing(): { db: Db; log: Captured[] };
  pg?: pg.Pool;
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function openPostgres(url: string, max = 10): Promise<Engine> {
  // The server's own client (named prepared statements), so the floor is the same driver.
  const pool = new pg.Pool({ Client: poolClientClass(), connectionString: url, max, options: '-c timezone=UTC' });
  return {
    kind: 'postgres',
    pg: pool,
    async query(text, params) {
      return (await pool.query(text, params as unknown[])).rows as Record<string, unknown>[];
    },
    async withConnection(fn) {
      const conn = await pool.connect();
      try {
        return await fn(
          async (text, params) => (await conn.query(text, params as unknown[])).rows as Record<string, unknown>[],
        );
      } finally {
        conn.release();
      }
    },
    capturing() {
      const log: Captured[] = [];
      const db = drizzlePg(pool, {
        schema,
        logger: { logQuery: (sql, params) => log.push({ sql, params }) },
      }) as unknown as Db;
      return { db, log };
    },
    async close() {
      await pool.end();
    },
  };
}

export async function openPglite(dataDir: string): Promise<Engine> {
  const client = new PGlite(dataDir);
  await client.waitReady;
  await client.exec("SET TIME ZONE 'UTC'");
  // The server's own way of running a query on PGlite (named statements, one trip each), so the floor is the same driver.
  const statements = pgliteStatements(client);
  const run = async (text: string, params?: unknown[]) => {
    if (!params || params.length === 0) {
      // exec allows several statements; the rows of the last one are returned.
      const results = await client.exec(text);
      return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
    }
    return (await statements.query(text, params)).rows as Record<string, unknown>[];
  };
  return {
    kind: 'pglite',
    pglite: client,
    query: (text, params) => run(text, params),
    withConnection: (fn) => fn(run),
    capturing() {
      const log: Captured[] = [];
      const db = drizzlePglite(client, {
        schema,
        logger: { logQuery: (sql, params) => log.push({ sql, params }) },
      }) as unknown as Db;
      return { db, log };
    },
    async close() {
      await client.close();
    },
  };
}
