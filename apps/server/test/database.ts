import { randomBytes } from 'node:crypto';
import pg from 'pg';
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

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A fresh, migrated database: in-memory PGlite, or a new database on the test PostgreSQL server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_ENGINE === 'pglite') {
    const database = await createDb({ databaseUrl: null, dataDir: 'memory://' });
    await migrate(database);
    return { database, url: null, owner: (sqlText) => asOwner(database, sqlText), drop: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('LINLI_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `linli_t_${randomBytes(6).toString('hex')}`;
  const nodes = TEST_CITUS ? await createOnCluster(adminUrl, name) : await createOnServer(adminUrl, name);
  const url = withDatabaseName(adminUrl, name);
  const database = await createDb({ databaseUrl: url, dataDir: 'memory://', poolSize: 4 });
  await migrate(database);
  return {
    database,
    url,
    owner: (sqlText) => asOwner(database, sqlText),
    async drop() {
      await database.close();
      for (const node of nodes) await runOn(node, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function runOn(url: string, ...statements: string[]): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const statement of statements) rows = (await client.query(statement)).rows as Record<string, unknown>[];
    return rows;
  } finally {
    await client.end();
  }
}

/** Creates the database; returns the admin URLs of the servers that hold it (to drop it from). */
async function createOnServer(adminUrl: string, name: string): Promise<string[]> {
  await runOn(adminUrl, `CREATE DATABASE ${name}`);
  return [adminUrl];
}

/**
 * A database of its own on a Citus cluster: Citus keeps its node list per database, so the new database is created
 * on every node, gets the extension on each, and the coordinator's copy is told where the workers are (the
 * workers as the admin database lists them).
 */
async function createOnCluster(adminUrl: string, name: string): Promise<string[]> {
  const workers = await runOn(
    adminUrl,
    "SELECT nodename, nodeport FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0 ORDER BY nodeport",
  );
  const coordinator = new URL(adminUrl);
  const workerUrls = workers.map((w) => {
    const url = new URL(adminUrl);
    url.hostname = String(w.nodename);
    url.port = String(w.nodeport);
    return url.toString();
  });
  for (const node of [adminUrl, ...workerUrls]) {
    await runOn(node, `CREATE DATABASE ${name}`);
    await runOn(withDatabaseName(node, name), 'CREATE EXTENSION citus');
  }
  await runOn(
    withDatabaseName(adminUrl, name),
    `SELECT citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port || 5432)})`,
    ...workers.map((w) => `SELECT citus_add_node('${String(w.nodename)}', ${Number(w.nodeport)})`),
  );
  return [adminUrl, ...workerUrls];
}
