import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');
/** Arbitrary constant: one migrator at a time across processes sharing a PostgreSQL database. */
const MIGRATION_LOCK = 72_517_001;

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * Applies committed SQL migrations in file-name order, each once and each in its own transaction, under an
 * advisory lock so two processes starting together do not race. Returns the names applied by this call.
 * Migrations run as the role that logged in (the schema owner); afterwards the database handle runs as the
 * application role (ADR 0006). A server that logs in as a role holding only the application role's privileges
 * finds nothing to apply and goes on; pending migrations then need `linli migrate` with the owner's DATABASE_URL.
 */
export async function migrate(database: Database): Promise<string[]> {
  const applied = await database.withOwnerConnection(async (exec) => {
    await exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      // Checked first: CREATE ... IF NOT EXISTS still needs the right to create, which a non-owner lacks.
      const [ledger] = await exec("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
      if (!ledger?.present) {
        await exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      }
      const done = new Set((await exec('SELECT name FROM schema_migrations')).map((r) => String(r.name)));
      const names: string[] = [];
      for (const migration of listMigrations()) {
        if (done.has(migration.name)) continue;
        const name = migration.name.replace(/'/g, "''");
        try {
          // One exec is one transaction: the migration and its ledger row commit together or not at all.
          await exec(`${migration.sql}\n;\nINSERT INTO schema_migrations (name) VALUES ('${name}');`);
        } catch (error) {
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        names.push(migration.name);
      }
      return names;
    } finally {
      await exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
  await database.useAppRole();
  return applied;
}
