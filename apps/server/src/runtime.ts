import { mkdirSync } from 'node:fs';
import type { AppConfig } from './config';
import { type AppContext, createContext } from './platform/context';
import { systemClock } from './platform/clock';
import { createDb, type Database } from './platform/db';
import { type Keys, loadOrCreateKeys } from './platform/keys';
import { migrate } from './platform/migrate';
import { lockDataDir } from './platform/data-dir-lock';
import { checkKeyFingerprint } from './platform/key-fingerprint';
import { setupModules } from './platform/module';
import { loadModules } from './modules';

export interface Runtime {
  database: Database;
  /** Releases the embedded data directory (closes nothing else). */
  release(): void;
  keys: Keys;
  ctx: AppContext;
  migrated: string[];
}

/**
 * Opens the database, applies migrations and loads keys: shared by the server and the CLI, which therefore use the
 * same data directory and key file (paths from the repository root, config.ts). An embedded database is held by one
 * process at a time, and a key file that does not match the database's keys stops the process before it writes.
 */
export async function openRuntime(config: AppConfig, log: Console = console, holder = 'linli'): Promise<Runtime> {
  // The data directory holds files as well as the embedded database (pact documents, the demo SMS log): it exists
  // on PostgreSQL too, even when the key file lives elsewhere.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const release = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir, holder);
  try {
    const database = await createDb({
      databaseUrl: config.databaseUrl,
      replicaUrl: config.databaseReplicaUrl,
      dataDir: config.dataDir,
    });
    try {
      return await finishOpening(config, log, database, release);
    } catch (error) {
      await database.close();
      throw error;
    }
  } catch (error) {
    release();
    throw error;
  }
}

async function finishOpening(
  config: AppConfig,
  log: Console,
  database: Database,
  release: () => void,
): Promise<Runtime> {
  const migrated = await migrate(database);
  const keys = loadOrCreateKeys(config.keyFile);
  await checkKeyFingerprint(database.db, keys, config.keyFile, systemClock.now());
  const ctx = createContext({ database, config, clock: systemClock, keys, log });
  // The CLI changes data through the same services as the server: the modules' event handlers must run here too.
  setupModules(await loadModules(), ctx);
  return { database, release, keys, ctx, migrated };
}
