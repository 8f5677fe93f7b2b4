import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import {
  cloneDatabaseOn,
  createDatabaseOn,
  dropDatabaseOn,
  serverNodes,
  withDatabaseName,
} from '../src/platform/citus-databases';
import { createDb, type Database } from '../src/platform/db';
import { migrate } from '../src/platform/migrate';

/** Which engine this run of the suite uses: `LINLI_TEST_DB=postgres` (with TEST_DATABASE_URL) or PGlite. */
export const TEST_ENGINE: 'pglite' | 'postgres' = process.env.LINLI_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
/**
 * `LINLI_TEST_CITUS=1` with TEST_DATABASE_URL on the coordinator of a Citus cluster (shared/vendor/citus/cluster.sh):
 * every test database is created on the coordinator and on each worker, with the citus extension and the workers
 * added, and the migrations distribute the tables (platform/citus.ts). TEST_ENGINE stays 'postgres'.
 */
export const TEST_CITUS = TEST_ENGINE === 'postgres' && process.env.LINLI_TEST_CITUS === '1';

export interface TestDatabase {
  database: Database;
  /** Connection string (postgres) or null (in-memory PGlite). */
  url: string | null;
  /**
   * Runs a script as the owner role (the login role), not as the application role `database.db` runs as: for
   * tests that tamper with the audit tables on purpose. One transaction per call; returns the last statement's rows.
   */
  owner(sqlText: string): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/** A script as the owner, on any database (a PGlite directory reopened by a test too). */
export function asOwner(database: Database, sqlText: string): Promise<Record<string, unknown>[]> {
  return database.withOwnerConnection((exec) => exec(sqlText));
}

/** The PostgreSQL server (or Citus coordinator) a `LINLI_TEST_DB=postgres` run makes its databases on. */
export function testAdminUrl(): string {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('LINLI_TEST_DB=postgres needs TEST_DATABASE_URL');
  return adminUrl;
}

/**
 * The run's migrated template database (test/global-setup.ts) that test databases on PostgreSQL start as copies of;
 * absent on PGlite and when a file runs without the global set-up (then each test database migrates from empty).
 */
const template = (() => {
  try {
    return inject('testDatabaseTemplate');
  } catch {
    return undefined; // not inside a vitest worker (a script importing the factories)
  }
})();

/** A fresh, migrated database: in-memory PGlite, or a new database on the test PostgreSQL server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_ENGINE === 'pglite') {
    // No template: a PGlite copy made from a dumped image measured no faster (~2 s either way; starting PGlite dominates).
    const database = await createDb({ databaseUrl: null, dataDir: 'memory://' });
    await migrate(database);
    return { database, url: null, owner: (sqlText) => asOwner(database, sqlText), drop: () => database.close() };
  }
  const adminUrl = testAdminUrl();
  const name = `linli_t_${randomBytes(6).toString('hex')}`;
  const nodes = await serverNodes(adminUrl, TEST_CITUS);
  if (template) await cloneDatabaseOn(nodes, name, template);
  else await createDatabaseOn(nodes, name, TEST_CITUS);
  const url = withDatabaseName(adminUrl, name);
  const database = await createDb({ databaseUrl: url, dataDir: 'memory://', poolSize: 4 });
  await migrate(database);
  return {
    database,
    url,
    owner: (sqlText) => asOwner(database, sqlText),
    async drop() {
      await database.close();
      await dropDatabaseOn(nodes, name);
    },
  };
}
