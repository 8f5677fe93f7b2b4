import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import {
  createDatabaseOn,
  dropDatabaseOn,
  closeDatabaseOn,
  serverNodes,
  withDatabaseName,
} from '../src/platform/citus-databases';
import { createDb } from '../src/platform/db';
import { migrate } from '../src/platform/migrate';
import { TEST_CITUS, TEST_ENGINE, testAdminUrl } from './database';

/**
 * Once per run of the suite on PostgreSQL or the Citus cluster: one database migrated from empty, which every test
 * database then starts as a copy of (test/database.ts). Migrating each test's database from empty took ~9 s on the
 * cluster (a database on three nodes, ~80 tables placed in shards; a copy takes 1–3 s): minutes of every CI run. PGlite
 * has none: a copy from a dumped image of its files measured no faster (~2 s a database either way; starting PGlite
 * dominates), so each PGlite test database migrates from empty. The tests about migrating make databases of their own.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The template database's name (PostgreSQL and the Citus cluster; PGlite runs have none). */
    testDatabaseTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (TEST_ENGINE === 'pglite') return undefined;
  const adminUrl = testAdminUrl();
  const name = `linli_tpl_${randomBytes(6).toString('hex')}`;
  const nodes = await serverNodes(adminUrl, TEST_CITUS);
  await createDatabaseOn(nodes, name, TEST_CITUS);
  const database = await createDb({ databaseUrl: withDatabaseName(adminUrl, name), dataDir: 'memory://', poolSize: 2 });
  await migrate(database);
  await database.close();
  await closeDatabaseOn(nodes, name);
  project.provide('testDatabaseTemplate', name);
  return () => dropDatabaseOn(nodes, name);
}
