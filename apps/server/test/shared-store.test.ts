import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, loadConfig } from '../src/config';
import { countUsers } from '../src/modules/users';
import { DataDirInUseError } from '../src/platform/data-dir-lock';
import { KeyMismatchError } from '../src/platform/key-fingerprint';
import { openRuntime } from '../src/runtime';
import { TEST_ENGINE } from './database';

/**
 * The CLI and the server see one store (care-hardening issue, integrity item 1): relative paths are taken from the
 * repository root whatever the working directory, a process whose keys do not match the database refuses to start,
 * and an embedded database is held by one process at a time.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'linli-store-'));
// A data directory given relative to the repository root, as README's examples do with ./data.
const relative = path.relative(REPO_ROOT, path.join(scratch, 'data'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string>) {
  // As `npm run linli -- …` runs it: inside apps/server.
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'apps/server/bin/linli.mjs'), ...args], {
    cwd: path.join(REPO_ROOT, 'apps/server'),
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: '', LINLI_KEY_FILE: '', LINLI_DEMO: '0', LINLI_LOG_LEVEL: 'silent', ...env },
  });
}

describe.skipIf(TEST_ENGINE === 'postgres')('one store for the CLI and the server (embedded default)', () => {
  it('resolves relative paths from the repository root, not the working directory', () => {
    const before = process.cwd();
    try {
      process.chdir(path.join(REPO_ROOT, 'apps/server'));
      const config = loadConfig({ LINLI_DATA_DIR: './data' });
      expect(config.dataDir).toBe(path.join(REPO_ROOT, 'data'));
      expect(config.keyFile).toBe(path.join(REPO_ROOT, 'data/keys.json'));
    } finally {
      process.chdir(before);
    }
  });

  it('what the CLI writes from apps/server, a process at the root reads with the same keys; other keys are refused', async () => {
    const created = cli(['admin', 'create', '--username', 'store-admin', '--district', '510107'], {
      LINLI_DATA_DIR: relative,
      LINLI_ADMIN_PASSWORD: 'Strong-Root-2026!',
    });
    expect(created.stdout + created.stderr).toContain('created system_admin store-admin');
    const verify = cli(['audit', 'verify'], { LINLI_DATA_DIR: relative });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);

    // The "server": this process, at the repository root, same relative setting.
    const runtime = await openRuntime(
      loadConfig({ LINLI_DATA_DIR: relative, LINLI_LOG_LEVEL: 'silent' }),
      console,
      'test server',
    );
    try {
      expect(await countUsers(runtime.database.db)).toBe(1);
      // While it holds the embedded database, the CLI says so and stops.
      const blocked = cli(['audit', 'verify'], { LINLI_DATA_DIR: relative });
      expect(blocked.status).toBe(1);
      expect(blocked.stderr).toContain('正被另一个进程使用');
      expect(blocked.stderr).toContain('test server');
      await expect(openRuntime(loadConfig({ LINLI_DATA_DIR: relative }), console, 'second')).rejects.toBeInstanceOf(
        DataDirInUseError,
      );
    } finally {
      await runtime.ctx.auditWriter.close();
      await runtime.database.close();
      runtime.release();
    }

    // Another key file over the same database: refused before anything is written, naming the file.
    const otherKeys = path.join(scratch, 'other-keys.json');
    await expect(
      openRuntime(loadConfig({ LINLI_DATA_DIR: relative, LINLI_KEY_FILE: otherKeys })),
    ).rejects.toBeInstanceOf(KeyMismatchError);
    const refused = cli(['audit', 'verify'], { LINLI_DATA_DIR: relative, LINLI_KEY_FILE: otherKeys });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(otherKeys);
    expect(refused.stderr).toContain('does not hold the keys');
    // The lock was released each time: the right keys open it again.
    expect(cli(['audit', 'verify'], { LINLI_DATA_DIR: relative }).status).toBe(0);
  }, 240_000);
});
