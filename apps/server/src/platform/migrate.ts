import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { placeTablesOnCitus } from './citus';
import type { Database } from './db';
import { SERVER_SRC } from './paths';

const MIGRATIONS_DIR = path.join(SERVER_SRC, 'db/migrations');
/** Arbitrary constant: one migrator at a time across processes sharing a PostgreSQL database. */
const MIGRATION_LOCK = 72_517_001;

const MODULES_DIR = path.join(SERVER_SRC, 'modules');
const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

/**
 * Every committed migration in file-name order: the shared ones in db/migrations and each module's own in
 * `modules/<name>/migrations/` (so a new module adds files only in its folder). Numbers are global: two files may not
 * share a name.
 */
export function listMigrations(
  dir = MIGRATIONS_DIR,
  modulesDir: string | null = MODULES_DIR,
): { name: string; sql: string }[] {
  const dirs = [dir];
  if (modulesDir && existsSync(modulesDir)) {
    for (const entry of readdirSync(modulesDir, { withFileTypes: true })) {
      const own = path.join(modulesDir, entry.name, 'migrations');
      if (entry.isDirectory() && existsSync(own)) dirs.push(own);
    }
  }
  const files = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => MIGRATION_NAME.test(f))
      .map((name) => ({ name, file: path.join(d, name) })),
  );
  const seen = new Map<string, string>();
  for (const f of files) {
    if (seen.has(f.name)) throw new Error(`two migrations named ${f.name}: ${seen.get(f.name)} and ${f.file}`);
    seen.set(f.name, f.file);
  }
  return files
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => ({ name: f.name, sql: readFileSync(f.file, 'utf8') }));
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
        await exec(
          'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
        );
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
      // On a Citus cluster: distribute the tables the migrations created (platform/citus.ts; a no-op elsewhere).
      if (process.env.LINLI_DISTRIBUTED === 'citus') await exec('CREATE EXTENSION IF NOT EXISTS citus');
      await placeTablesOnCitus(exec);
      return names;
    } finally {
      await exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
  await database.useAppRole();
  return applied;
}
