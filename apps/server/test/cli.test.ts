import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { FakeClock } from '../src/platform/clock';
import { createDb, type Database } from '../src/platform/db';
import { generateKeys } from '../src/platform/keys';
import { migrate } from '../src/platform/migrate';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './database';
import { TestClient, testConfig } from './harness';

const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-admin-'));
let testDb: TestDatabase | null = null;
afterAll(async () => {
  await testDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string>) {
  const bin = path.resolve(import.meta.dirname, '../bin/linli.mjs');
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, LINLI_KEY_FILE: path.join(dir, 'keys.json'), ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe('first start on PostgreSQL-style configuration (no demo)', () => {
  // Three CLI processes, each opening and migrating the database: slow on PGlite when the machine is busy.
  it('has no usable account until `linli admin create`, whose admin must then enrol TOTP', async () => {
    let env: Record<string, string>;
    if (TEST_ENGINE === 'postgres') {
      testDb = await createTestDatabase();
      env = { DATABASE_URL: testDb.url! };
    } else {
      env = { DATABASE_URL: '', LINLI_DATA_DIR: path.join(dir, 'pg'), LINLI_DEMO: '0' };
    }
    const weak = cli(['admin', 'create', '--username', 'first-admin', '--district', '510107'], {
      ...env,
      LINLI_ADMIN_PASSWORD: 'password',
    });
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain('password rejected');
    const created = cli(['admin', 'create', '--username', 'first-admin', '--district', '510107'], {
      ...env,
      LINLI_ADMIN_PASSWORD: 'Strong-Root-2026!',
    });
    expect(created.stdout + created.stderr).toContain('created system_admin first-admin');
    expect(created.status).toBe(0);
    const seed = cli(['seed', 'demo'], { ...env, LINLI_DEMO_PASSWORD: 'Linli-demo-2026!' });
    expect(seed.status).toBe(1); // the database has accounts: demo data is refused

    const database: Database =
      testDb?.database ?? (await createDb({ databaseUrl: null, dataDir: path.join(dir, 'pg') }));
    await migrate(database);
    const app = await buildApp({
      database,
      config: testConfig({ demoMode: false }),
      clock: new FakeClock(new Date()),
      keys: generateKeys(),
      logger: false,
    });
    try {
      const client = new TestClient(app);
      expect((await client.login('demo-admin', 'Linli-demo-2026!')).statusCode).toBe(401);
      const step = (await client.login('first-admin', 'Strong-Root-2026!')).json();
      expect(step.status).toBe('totp_setup_required');
    } finally {
      await app.close();
      if (!testDb) await database.close();
    }
  }, 120_000);
});

describe('linli cluster extend (ADR 0009; the move itself runs in citus-migration.test.ts on a cluster)', () => {
  it('refuses without a worker or without PostgreSQL, before it connects anywhere', () => {
    const noWorker = cli(['cluster', 'extend'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/linli_x' });
    expect(noWorker.status).not.toBe(0);
    expect(noWorker.stderr).toContain('usage: linli cluster extend');
    const badWorker = cli(['cluster', 'extend', '--worker', 'db1'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/linli_x',
    });
    expect(badWorker.stderr).toContain('usage: linli cluster extend');
    const embedded = cli(['cluster', 'extend', '--worker', '127.0.0.1:9701'], {
      DATABASE_URL: '',
      LINLI_DATA_DIR: path.join(dir, 'embedded'),
    });
    expect(embedded.status).not.toBe(0);
    expect(embedded.stderr).toContain('usage: linli cluster extend');
  });
});
