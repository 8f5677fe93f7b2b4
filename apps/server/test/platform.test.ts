/// <reference types="vite/client" />
import { ERRORS } from '@linli/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_CLASSIFICATION, FORBIDDEN_COLUMN_PATTERN, type PiClass } from '../src/db/classification';
import { queryRows } from '../src/platform/db';
import { listMigrations, migrate } from '../src/platform/migrate';
import { buildOrg, createUser } from './factories/org';
import { createTestApp, TestClient, type TestApp } from './harness';

/** The shared tables' classes plus each module's own (`src/modules/<name>/<name>.classification.ts`). */
const CLASSIFICATION: Record<string, Record<string, PiClass>> = Object.assign(
  {},
  COLUMN_CLASSIFICATION,
  ...Object.values(
    import.meta.glob<Record<string, Record<string, PiClass>>>('../src/modules/*/*.classification.ts', {
      eager: true,
      import: 'default',
    }),
  ),
);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('database', () => {
  it('migrations are recorded and running them again changes nothing', async () => {
    expect(await migrate(t.testDb.database)).toEqual([]);
    const rows = await queryRows<{ name: string }>(t.app.ctx.db, sql`SELECT name FROM schema_migrations ORDER BY name`);
    expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
  });

  it('every column is classified (R-01) and none records religion, ethnicity or politics', async () => {
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      t.app.ctx.db,
      // Relations an extension owns are not Linli's (Citus puts its citus_tables and citus_schemas views in public).
      sql`
      SELECT c.table_name, c.column_name FROM information_schema.columns c
       WHERE c.table_schema = 'public'
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                          WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'e'
                            AND d.objid = format('%I.%I', c.table_schema, c.table_name)::regclass)
       ORDER BY c.table_name, c.column_name`,
    );
    const unclassified = columns
      .filter((c) => !CLASSIFICATION[c.table_name]?.[c.column_name])
      .map((c) => `${c.table_name}.${c.column_name}`);
    expect(unclassified).toEqual([]);
    expect(columns.filter((c) => FORBIDDEN_COLUMN_PATTERN.test(c.column_name))).toEqual([]);
  });
});

describe('HTTP surface', () => {
  it('answers errors as { code, message } in Chinese by default and English on request, without internals', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(zh.statusCode).toBe(404);
    // The words come from the one catalogue the web app shows too (packages/contracts/src/error-codes.ts).
    expect(zh.json()).toMatchObject({ code: 'common.not_found', message: ERRORS['common.not_found'].zh });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US', 'content-type': 'application/json' },
      payload: '{"username": 1',
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().code).toBe('common.validation_failed');
    expect(en.body).not.toMatch(/at .*\.ts:\d+|stack|SELECT /i);
    const invalid = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: '', password: '' },
    });
    expect(invalid.json().message).toBe(ERRORS['common.validation_failed'].en);
    expect(ERRORS['common.validation_failed'].en).not.toBe(ERRORS['common.validation_failed'].zh);
    expect(invalid.json().fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
  });

  it('sends security headers and no-store on API responses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/config' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(String(res.headers['content-security-policy'])).not.toMatch(/https?:\/\//);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('publishes an OpenAPI 3 document listing every route, and the docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    for (const route of t.app.routeTable) {
      if (route.url === '/api/openapi.json') continue;
      expect(documented).toContain(`${route.method} ${route.url}`);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('a logged-out client gets 401 and logout clears the cookie and site data', async () => {
    const org = await buildOrg(t.app.ctx);
    const user = await createUser(t.app.ctx, { roles: ['grid_worker'], areas: [org.gridsA[0]!] });
    const client = new TestClient(t.app);
    await client.login(user.username, user.password);
    const out = await client.post('/api/auth/logout');
    expect(out.headers['clear-site-data']).toContain('storage');
    expect(out.cookies.find((c) => c.name === 'linli_sid')?.value).toBe('');
    expect((await client.get('/api/auth/session')).json().code).toBe('auth.unauthenticated');
  });
});
