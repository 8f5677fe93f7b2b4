import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { TEST_CITUS, TEST_ENGINE } from './database';

/**
 * Once per run of the suite: one database migrated from empty, which every test database then starts as a copy of
 * (test/database.ts). Migrating each test's database from empty took ~9 s on the Citus cluster (a database on three
 * nodes, ~80 tables placed in shards; a copy takes 1–3 s): minutes of every CI run. On PGlite the image measured no
 * faster (~2 s a database either way; starting PGlite dominates). The migrations
 * still run on every engine, once here; the tests that are about migrating make databases of their own.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: the path of a tarball of the migrated database's files. PostgreSQL: the template database's name. */
    testDatabaseTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (TEST_ENGINE === 'pglite') {
    const database = await createDb({ databaseUrl: null, dataDir: 'memory://' });
    await migrate(database);
    const image = await database.dumpImage!();
    await database.close();
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-test-image-'));
    const file = path.join(dir, 'migrated.tar');
    writeFileSync(file, Buffer.from(await image.arrayBuffer()));
    project.provide('testDatabaseTemplate', file);
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('LINLI_TEST_DB=postgres needs TEST_DATABASE_URL');
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
