import type { AppConfig } from './config';
import { type AppContext, createContext } from './platform/context';
import { systemClock } from './platform/clock';
import { createDb, type Database } from './platform/db';
import { type Keys, loadOrCreateKeys } from './platform/keys';
import { migrate } from './platform/migrate';
import { setupModules } from './platform/module';
import { LINLI_MODULES } from './modules';

export interface Runtime {
  database: Database;
  keys: Keys;
  ctx: AppContext;
  migrated: string[];
}

/** Opens the database, applies migrations and loads keys: shared by the server and the CLI. */
export async function openRuntime(config: AppConfig, log: Console = console): Promise<Runtime> {
  const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const migrated = await migrate(database);
  const keys = loadOrCreateKeys(config.keyFile);
  const ctx = createContext({ database, config, clock: systemClock, keys, log });
  // The CLI changes data through the same services as the server: the modules' event handlers must run here too.
  setupModules(LINLI_MODULES, ctx);
  return { database, keys, ctx, migrated };
}
