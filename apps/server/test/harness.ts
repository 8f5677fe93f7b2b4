import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { z } from 'zod';
import { buildApp } from '../src/app';
import { type AppConfig, loadConfig } from '../src/config';
import { FakeClock } from '../src/platform/clock';
import { generateKeys, type Keys } from '../src/platform/keys';
import { totpAt } from '../src/modules/auth/totp';
import { ErrorBody, type Role } from '@linli/contracts';
import { findUserByUsername } from '../src/modules/users';
import { generateTotpSecret } from '../src/modules/auth/totp';
import { createUser } from './factories/org';
import { residentPhoneOf } from './factories/residents';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  clock: FakeClock;
  keys: Keys;
  testDb: TestDatabase;
  /** Where the clock started; `resetClock()` puts it back there (useTestApp does before every test). */
  start: Date;
  resetClock(): void;
  close(): Promise<void>;
}

/** The instant every test app's clock starts at unless a file asks for another: a Monday, 09:00 in China. */
export const TEST_START = '2026-03-02T01:00:00Z';
const DAY_MS = 86_400_000;

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ LINLI_DATA_DIR: '/nonexistent-linli-test', LINLI_LOG_LEVEL: 'silent' }),
    auditAnchorFile: null, // no file-system side effects unless a test asks (createTestApp gives each app its own)
    demoMode: false,
    webDist: '/nonexistent-linli-web',
    ...overrides,
  };
}

/**
 * The app on a fresh migrated database with a fake clock. A test file normally calls `useTestApp()` instead, which
 * also puts the clock back to `start` before every test; call this directly for an app of one test's own (close it).
 */
export async function createTestApp(overrides: Partial<AppConfig> = {}, start: string = TEST_START): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const clock = new FakeClock(start);
  const keys = generateKeys();
  const anchorDir = mkdtempSync(path.join(tmpdir(), 'linli-anchor-'));
  const config = testConfig({ auditAnchorFile: path.join(anchorDir, 'audit-anchors.jsonl'), ...overrides });
  const app = await buildApp({ database: testDb.database, config, clock, keys, logger: false, background: false });
  await app.ready();
  return {
    app,
    clock,
    keys,
    testDb,
    start: new Date(start),
    resetClock: () => clock.set(start),
    async close() {
      await app.close();
      await testDb.drop();
      rmSync(anchorDir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual set-up of a test file: one app (one database) for the file, its clock back at `start` before every test
 * so that no test sees another's time travel, closed after the last test. Returns the app's handle at once; its
 * fields are filled in before the first test runs. Each test still builds its own data (`buildOrg()`, `signedIn()`).
 */
export function useTestApp(overrides: Partial<AppConfig> = {}, start: string = TEST_START): TestApp {
  const handle = {} as TestApp;
  beforeAll(async () => {
    Object.assign(handle, await createTestApp(overrides, start));
  });
  beforeEach(() => handle.resetClock());
  afterAll(async () => {
    await handle.close?.();
  });
  return handle;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The JSON of a response parsed through its contract schema, after checking the status: fails with the body when
 * the status differs or the body does not match the schema, so a response that drifts from its contract fails the
 * test that reads it.
 */
export function parseAs<S extends z.ZodType>(
  schema: S,
  response: LightMyRequestResponse,
  what = 'response',
  status = 200,
): z.output<S> {
  if (response.statusCode !== status)
    throw new Error(`${what}: expected ${status}, got ${response.statusCode}: ${response.body}`);
  const json = safeJson(response);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${what}: the body does not match its contract (${issues}): ${response.body.slice(0, 2000)}`);
  }
  return parsed.data;
}

/** The error body of a refused request, parsed through `ErrorBody`, after checking the status (and the code, given one). */
export function expectError(response: LightMyRequestResponse, status: number, code?: string): ErrorBody {
  const body = parseAs(ErrorBody, response, 'error', status);
  if (code !== undefined && body.code !== code)
    throw new Error(`expected error ${code}, got ${body.code}: ${response.body}`);
  return body;
}

/** A logged-in browser stand-in: keeps the session cookie and sends the CSRF header on unsafe methods. */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;
  /** The last username and password `login()` used, for `relogin()` after the clock moved past the session. */
  private credentials: [string, string] | null = null;
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '10.0.0.1',
  ) {}

  async request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
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
    const session =
      json && typeof json === 'object' && 'session' in json
        ? (json as { session: { csrfToken: string } | null }).session
        : null;
    if (session) this.csrf = session.csrfToken;
    return response;
  }

  /** Sends a raw body (an uploaded file) with its content type. */
  async upload(
    url: string,
    body: Buffer,
    contentType: string,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      payload: body,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        'content-type': contentType,
        ...headers,
      },
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body ?? {});
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  /** A request whose 200 answer is parsed through `schema` (a contract from @linli/contracts); see `parseAs`. */
  async requestAs<S extends z.ZodType>(
    schema: S,
    method: Method,
    url: string,
    body?: unknown,
    status = 200,
  ): Promise<z.output<S>> {
    const response = await this.request(method, url, method === 'GET' ? undefined : (body ?? {}));
    return parseAs(schema, response, `${method} ${url}`, status);
  }

  getAs<S extends z.ZodType>(schema: S, url: string): Promise<z.output<S>> {
    return this.requestAs(schema, 'GET', url);
  }
  postAs<S extends z.ZodType>(schema: S, url: string, body?: unknown): Promise<z.output<S>> {
    return this.requestAs(schema, 'POST', url, body);
  }
  putAs<S extends z.ZodType>(schema: S, url: string, body?: unknown): Promise<z.output<S>> {
    return this.requestAs(schema, 'PUT', url, body);
  }
  patchAs<S extends z.ZodType>(schema: S, url: string, body?: unknown): Promise<z.output<S>> {
    return this.requestAs(schema, 'PATCH', url, body);
  }
  deleteAs<S extends z.ZodType>(schema: S, url: string): Promise<z.output<S>> {
    return this.requestAs(schema, 'DELETE', url);
  }

  /** An upload whose 200 answer is parsed through `schema`. */
  async uploadAs<S extends z.ZodType>(schema: S, url: string, body: Buffer, contentType: string): Promise<z.output<S>> {
    return parseAs(schema, await this.upload(url, body, contentType), `POST ${url}`);
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    this.credentials = [username, password];
    // A resident account signs in on the mobile entry with its phone; the staff login refuses it.
    const phone = residentPhoneOf(username);
    if (phone) return this.post('/api/m/login', { phone, password });
    return this.post('/api/auth/login', { username, password });
  }

  /** Logs in again as the last user (after the clock moved past the session); fails unless the session opens. */
  async relogin(): Promise<void> {
    if (!this.credentials) throw new Error('relogin: this client never logged in');
    const res = await this.login(...this.credentials);
    const status = (safeJson(res) as { status?: string } | null)?.status;
    if (status !== 'ok') throw new Error(`relogin: expected a session, got ${res.statusCode} ${res.body}`);
  }
}

/**
 * Moves the test's clock on by whole days. Sessions idle out meanwhile, so each client given logs in again (plain
 * password logins only; an administrator logs in again with `loginWithTotp`).
 */
export async function advanceDays(t: TestApp, days: number, ...clients: TestClient[]): Promise<void> {
  t.clock.advance(days * DAY_MS);
  for (const client of clients) await client.relogin();
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
  const done = await client.post('/api/auth/login/totp', {
    challengeId: step.challengeId,
    code: totpAt(t.app.ctx.cipher.decrypt(row.totpSecretEnc), t.clock.now()),
  });
  if (done.json().status !== 'ok') throw new Error(`TOTP login failed: ${done.body}`);
  return client;
}

/**
 * A new user with these roles and areas, logged in (administrators through their second factor): the usual first
 * line of a test that acts as someone.
 */
export async function signedIn(
  t: TestApp,
  roles: Role[],
  areas: string[],
): Promise<{ id: string; username: string; password: string; client: TestClient }> {
  const admin = roles.some((r) => r.endsWith('_admin'));
  const user = await createUser(t.app.ctx, { roles, areas, totpSecret: admin ? generateTotpSecret() : undefined });
  if (admin) return { ...user, client: await loginWithTotp(t, user.username, user.password) };
  const client = new TestClient(t.app);
  const res = await client.login(user.username, user.password);
  if ((safeJson(res) as { status?: string } | null)?.status !== 'ok')
    throw new Error(`signedIn: login failed: ${res.body}`);
  return { ...user, client };
}
