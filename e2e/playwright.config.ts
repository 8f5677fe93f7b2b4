import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;

/** The demo accounts' password (fixtures.ts uses the same value). */
const DEMO_PASSWORD = 'Linli-demo-2026!';

/**
 * A fresh, empty data directory per run: the server migrates it and loads the demo data.
 * Playwright evaluates this file in the runner and again in each worker; the variable makes the
 * workers reuse the runner's directory instead of each creating an unused empty one.
 */
const DATA_DIR_VAR = 'LINLI_E2E_DATA_DIR';
let dataDir = process.env[DATA_DIR_VAR];
if (!dataDir) {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
  dataDir = created;
  process.env[DATA_DIR_VAR] = created;
  // Removed when the runner exits (after the web server has been stopped); E2E_KEEP_DATA=1 keeps it for debugging.
  if (!process.env.E2E_KEEP_DATA) process.on('exit', () => fs.rmSync(created, { recursive: true, force: true }));
}

// Playwright passes { ...process.env, ...webServer.env } to the server: drop DATABASE_URL from this
// process so that the server always uses the embedded database in demo mode.
delete process.env.DATABASE_URL;

export default defineConfig({
  testDir: 'specs',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // Builds apps/web when its sources are newer than dist, then starts the API + UI server.
    command: 'node ../scripts/start.mjs',
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LINLI_DATA_DIR: dataDir,
      LINLI_DEMO_PASSWORD: DEMO_PASSWORD,
      LINLI_LOG_LEVEL: 'warn',
      // Specs log in often as the same demo accounts; the limits themselves are covered by the server tests.
      LINLI_LOGIN_LIMIT_PER_USER: '200',
      LINLI_LOGIN_LIMIT_PER_IP: '500',
    },
    timeout: 180_000,
    reuseExistingServer: false,
    // start.mjs forwards SIGTERM to the server, which closes the embedded database cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
