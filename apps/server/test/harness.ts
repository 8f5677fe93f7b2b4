import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { type AppConfig, loadConfig } from '../src/config';
import { FakeClock } from '../src/platform/clock';
import { generateKeys, type Keys } from '../src/platform/keys';
import { totpAt } from '../src/modules/auth/totp';
import type { Role } from '@linli/contracts';
import { findUserByUsername } from '../src/modules/users';
import { generateTotpSecret } from '../src/modules/auth/totp';
import { createUser } from './factories/org';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  clock: FakeClock;
  keys: Keys;
  testDb: TestDatabase;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ LINLI_DATA_DIR: '/nonexistent-linli-test', LINLI_LOG_LEVEL: 'silent' }),
    auditAnchorFile: null, // no file-system side effects unless a test asks (createTestApp gives each app its own)
    demoMode: false,
    webDist: '/nonexistent-linli-web',
    ...overrides,
  };
}

/** The app on a fresh migrated database with a fake clock; each test file builds its own organisation. */
export async function createTestApp(overrides: Partial<AppConfig> = {}, start = '2026-03-02T01:00:00Z'): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const clock = new FakeClock(start);
  const keys = generateKeys();
  const anchorDir = mkdtempSync(path.join(tmpdir(), 'linli-anchor-'));
  const config = testConfig({ auditAnchorFile: path.join(anchorDir, 'audit-anchors.jsonl'), ...overrides });
  const app = await buildApp({ database: testDb.database, config, clock, keys, logger: false });
  await app.ready();
  return {
    app, clock, keys, testDb,
    async close() {
      await app.close();
      await testDb.drop();
      rmSync(anchorDir, { recursive: true, force: true });
    },
  };
}

/** A logged-in browser stand-in: keeps the session cookie and sends the CSRF header on unsafe methods. */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly app: FastifyInstance, readonly ip = '10.0.0.1') {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method, url, remoteAddress: this.ip,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const setCookie = response.cookies.find((c) => c.name === 'linli_sid');
    if (setCookie) this.cookie = setCookie.value ? `linli_sid=${setCookie.value}` : null;
    const json = safeJson(response);
    const session = json && typeof json === 'object' && 'session' in json ? (json as { session: { csrfToken: string } | null }).session : null;
    if (session) this.csrf = session.csrfToken;
    return response;
  }

  /** Sends a raw body (an uploaded file) with its content type. */
  async upload(url: string, body: Buffer, contentType: string): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST', url, remoteAddress: this.ip, payload: body,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}), 'content-type': contentType },
    });
  }

  get(url: string) { return this.request('GET', url); }
  post(url: string, body?: unknown) { return this.request('POST', url, body ?? {}); }
  put(url: string, body?: unknown) { return this.request('PUT', url, body ?? {}); }
  patch(url: string, body?: unknown) { return this.request('PATCH', url, body ?? {}); }
  delete(url: string) { return this.request('DELETE', url); }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/login', { username, password });
  }
}

export function safeJson(response: LightMyRequestResponse): unknown {
  try {
    return response.json();
  } catch {
    return null;
  }
}

/**
 * Logs in through the password and TOTP steps (the user's stored secret) and returns the client. The clock moves
 * one TOTP step first, so a code used by an earlier login in the same test is never replayed.
 */
export async function loginWithTotp(t: TestApp, username: string, password: string): Promise<TestClient> {
  const row = await findUserByUsername(t.app.ctx.db, username);
  if (!row?.totpSecretEnc) throw new Error(`${username} has no TOTP secret`);
  const client = new TestClient(t.app);
  const step = (await client.login(username, password)).json() as { status: string; challengeId: string };
  if (step.status !== 'totp_required') throw new Error(`expected the TOTP step, got ${step.status}`);
  t.clock.advance(30_000);
  const done = await client.post('/api/auth/login/totp', { challengeId: step.challengeId, code: totpAt(t.app.ctx.cipher.decrypt(row.totpSecretEnc), t.clock.now()) });
  if (done.json().status !== 'ok') throw new Error(`TOTP login failed: ${done.body}`);
  return client;
}

/**
 * A new user with these roles and areas, logged in (administrators through their second factor): the usual first
 * line of a test that acts as someone.
 */
export async function signedIn(t: TestApp, roles: Role[], areas: string[]): Promise<{ id: string; username: string; password: string; client: TestClient }> {
  const admin = roles.some((r) => r.endsWith('_admin'));
  const user = await createUser(t.app.ctx, { roles, areas, totpSecret: admin ? generateTotpSecret() : undefined });
  if (admin) return { ...user, client: await loginWithTotp(t, user.username, user.password) };
  const client = new TestClient(t.app);
  await client.login(user.username, user.password);
  return { ...user, client };
}
