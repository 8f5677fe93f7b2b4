/**
 * Malformed-input fuzzing over EVERY route in the route table (finding F11): each route's own zod schemas (captured in
 * the route table) and its sample request (route-samples.ts) are turned into many broken requests — every field
 * replaced by strings with NUL, impossible dates, non-ISO date-times, 10,000-character strings, astral characters,
 * wrong types, out-of-range numbers; required fields dropped; extra fields; path and query parameters replaced by
 * junk — and no answer may be a 5xx, carry a stack trace or SQL, or leave the audit writer unable to flush.
 *
 * The values and the schema walking are in fuzz-inputs.ts (deterministic: fixed lists and fast-check with a fixed
 * seed). New routes are picked up from the route table automatically; only their sample bodies come from
 * route-samples.ts. FUZZ_TIMING=1 prints the slowest routes.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import {
  FIELD_MESSAGES,
  ROLE_PERMISSIONS,
  UNSTORABLE_TEXT,
  XLSX_MIME,
  type Permission,
  type Role,
} from '@linli/contracts';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../src/app';
import { auditLog } from '../src/platform/audit.tables';
import { generateTotpSecret } from '../src/modules/auth/totp';
import { LEDGER_HEADINGS } from '../src/modules/care/ledger/ledger-format';
import { chinaToday } from '../src/platform/dates';
import { careFixtures, createClient, makeIdNumber } from './factories/care';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import {
  BAD_HEADERS,
  CORE_BODIES,
  CORE_PARAMS,
  CORE_QUERY_NUMBERS,
  CORE_STRINGS,
  LONG,
  MISSING,
  MORE_BODIES,
  MORE_PARAMS,
  MORE_QUERY_NUMBERS,
  MORE_STRINGS,
  RAW_QUERIES,
  REFUSED_PARAMS,
  describeValue,
  drawn,
  fieldsOf,
  isObject,
  jsonSchemaOf,
  queryString,
  replacementsFor,
  sampled,
  withValue,
} from './fuzz-inputs';
import { createTestApp, loginWithTotp, TestClient, type TestApp } from './harness';
import { ROUTE_SAMPLES, routeKey, type RouteSample, type SampleIds } from './route-samples';

let t: TestApp;
let org: TestOrg;
let fixtures: Record<string, string>;
let targetUserId: string;

interface Actor {
  role: Role;
  areas: string[];
  client: TestClient;
}
const actors = new Map<Role, Actor>();

async function login(role: Role, areas: string[]): Promise<Actor> {
  const admin = role.endsWith('_admin');
  const user = await createUser(t.app.ctx, {
    roles: [role],
    areas,
    totpSecret: admin ? generateTotpSecret() : undefined,
  });
  const client = admin ? await loginWithTotp(t, user.username, user.password) : new TestClient(t.app);
  if (!admin) await client.login(user.username, user.password);
  const actor = { role, areas, client };
  actors.set(role, actor);
  return actor;
}

/** The role that serves the route: the community supervisor when it can, else the first role holding the permission. */
function roleFor(permission: Permission | undefined): Role {
  const order: Role[] = ['community_supervisor', 'district_officer', 'system_admin', 'security_admin', 'audit_admin'];
  return order.find((r) => !permission || ROLE_PERMISSIONS[r].includes(permission)) ?? 'community_supervisor';
}
/** A role that lacks the permission (its refusal path records the raw path parameters before validation). */
function roleWithout(permission: Permission | undefined): Role | null {
  if (!permission) return null;
  return (
    (['audit_admin', 'community_supervisor'] as Role[]).find((r) => !ROLE_PERMISSIONS[r].includes(permission)) ?? null
  );
}

interface Problem {
  route: string;
  variant: string;
  status: number;
  body: string;
}
const problems: Problem[] = [];
let sent = 0;

const STACK = /\n\s+at |node_modules|\.[cm]?[jt]s:\d+:\d+/;
const SQL =
  /\b(select\s.+\sfrom|insert\s+into|update\s.+\sset|delete\s+from)\b|syntax error|violates .* constraint|invalid input syntax|out of range for type|duplicate key|relation "|column "|unsupported Unicode escape|invalid byte sequence|PostgresError|DatabaseError/i;

async function send(
  actor: Actor,
  route: RouteInfo,
  variant: string,
  request: { url: string; payload?: string | Buffer; contentType?: string; headers?: Record<string, string> },
): Promise<LightMyRequestResponse> {
  const go = () =>
    t.app.inject({
      method: route.method as 'GET',
      url: request.url,
      remoteAddress: actor.client.ip,
      headers: {
        ...(actor.client.cookie ? { cookie: actor.client.cookie } : {}),
        ...(actor.client.csrf && route.method !== 'GET' ? { 'x-csrf-token': actor.client.csrf } : {}),
        ...(request.payload !== undefined ? { 'content-type': request.contentType ?? 'application/json' } : {}),
        ...request.headers,
      },
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
  let res = await go();
  sent++;
  // A variant that ended the session (logout, password change, TOTP switched on): a fresh account of the same role.
  if (res.statusCode === 401 && !route.config.public && !request.headers) {
    actor.client = (await login(actor.role, actor.areas)).client;
    res = await go();
    sent++;
  }
  const key = routeKey(route.method, route.url);
  const body = res.body;
  const leak = STACK.test(body) || (res.statusCode >= 400 && SQL.test(body));
  if (res.statusCode >= 500 || leak) {
    problems.push({ route: key, variant, status: res.statusCode, body: body.slice(0, 300) });
  }
  return res;
}

/** Audit rows the writer still holds after a flush: ones PostgreSQL refused (it keeps them to retry, for good). */
async function unwrittenAuditRows(): Promise<number> {
  await t.app.ctx.auditWriter.flush();
  const buffer: unknown = Reflect.get(t.app.ctx.auditWriter, 'buffer');
  return Array.isArray(buffer) ? buffer.length : 0;
}

async function auditWriterHealthy(route: string): Promise<void> {
  const left = await unwrittenAuditRows();
  if (left)
    problems.push({ route, variant: 'audit writer', status: 0, body: `${left} audit rows could not be written` });
}

function pathFor(route: RouteInfo, role: Role, override: Record<string, string> = {}): string {
  const sample = ROUTE_SAMPLES[routeKey(route.method, route.url)];
  const idParams = (route.config.idParams ?? {}) as Record<string, string>;
  return route.url.replace(/:(\w+)/g, (_, name: string) => {
    if (override[name] !== undefined) return override[name]!;
    const kind = idParams[name];
    if (kind === 'area') return role === 'community_supervisor' ? org.communityA : org.communityC;
    if (kind === 'user') return targetUserId;
    const fixture = sample?.fixture ?? kind ?? '';
    return fixtures[fixture] ?? '00000000-0000-4000-8000-000000000000';
  });
}

async function fuzzRoute(route: RouteInfo): Promise<void> {
  const key = routeKey(route.method, route.url);
  const sample = ROUTE_SAMPLES[key] ?? {};
  const role = roleFor(route.config.permission as Permission | undefined);
  const actor = actors.get(role)!;
  // A client of its own per route that takes a client id, so earlier routes' changes (status, merge) do not hide deeper paths.
  const idParams = (route.config.idParams ?? {}) as Record<string, string>;
  if (Object.values(idParams).includes('client') && !sample.fixture)
    fixtures.client = (await createClient(actor.client, org.communityA)).id;
  const path = pathFor(route, role);
  const ids: SampleIds = { org, userId: targetUserId, today: chinaToday(t.clock.now()), fixtures };
  let base: unknown = sample.body?.(ids);
  if (sample.prepare) base = (await sample.prepare(actor.client, t.clock.now(), path).catch(() => undefined)) ?? base;
  const baseQuery = Object.fromEntries(new URLSearchParams(sample.query ?? ''));
  const url = (p = path, q: Record<string, unknown> = baseQuery) => `${p}${queryString(q)}`;
  const json = (v: unknown) => JSON.stringify(v);

  // Query parameters: every declared one (and the sample's) replaced; repeated (arrays); unknown ones added.
  const querySchema = jsonSchemaOf(route.schema.querystring);
  if (querySchema) {
    for (const field of fieldsOf(querySchema, baseQuery).filter((f) => f.path.length === 1)) {
      const name = String(field.path[0]);
      const values = [
        ...CORE_STRINGS,
        ...CORE_QUERY_NUMBERS,
        ...drawn([...MORE_STRINGS, ...MORE_QUERY_NUMBERS], 6, `${key} ?${name}`),
      ];
      for (const value of [...values, null, ['1', '2'], ['a', '\u0000'], { a: 1 }, MISSING]) {
        await send(actor, route, `query ${name}=${describeValue(value)}`, {
          url: url(path, { ...baseQuery, [name]: value }),
          ...bodyFor(route, base),
        });
      }
    }
  }
  for (const raw of drawn(RAW_QUERIES, 3, `${key} raw`) as string[]) {
    await send(actor, route, `raw query ${raw.slice(0, 40)}`, { url: `${path}${raw}`, ...bodyFor(route, base) });
  }

  // Headers the hooks read before anything else: session cookie, CSRF token, language.
  for (const headers of drawn(BAD_HEADERS, 2, `${key} headers`) as Record<string, string>[]) {
    await send(actor, route, `headers ${JSON.stringify(headers).slice(0, 60)}`, {
      url: url(),
      ...bodyFor(route, base),
      headers,
    });
  }

  // Path parameters replaced by junk, by the serving role and by one that lacks the permission.
  const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const refuser = roleWithout(route.config.permission as Permission | undefined);
  for (const name of params) {
    for (const value of [...CORE_PARAMS, ...(drawn(MORE_PARAMS, 6, `${key} :${name}`) as string[])]) {
      for (const who of refuser && REFUSED_PARAMS.includes(value) ? [actor, actors.get(refuser)!] : [actor]) {
        await send(who, route, `param ${name}=${value.slice(0, 40)} as ${who.role}`, {
          url: url(pathFor(route, who.role, { [name]: value })),
          ...bodyFor(route, base),
        });
      }
    }
  }

  // The body: the raw .xlsx upload gets broken files; JSON routes get each field replaced, then broken whole bodies.
  if (sample.raw) {
    for (const [label, payload] of await badLedgers(ids, sample.raw)) {
      await send(actor, route, `ledger ${label}`, {
        url: url(path, { ...baseQuery, dryRun: 'false' }),
        payload,
        contentType: XLSX_MIME,
      });
    }
  }
  const bodySchema = route.schema.body && !sample.raw ? jsonSchemaOf(route.schema.body) : null;
  if (route.method !== 'GET') {
    if (bodySchema) {
      for (const field of fieldsOf(bodySchema, base)) {
        let current: unknown = base;
        for (const step of field.path) current = (current as Record<string | number, unknown> | undefined)?.[step];
        for (const value of replacementsFor(field.kind, current, `${key} ${field.path.join('.')}`)) {
          await send(actor, route, `body ${field.path.join('.')}=${describeValue(value)}`, {
            url: url(),
            payload: json(withValue(base, field.path, value)),
          });
        }
      }
    }
    for (const bad of [...CORE_BODIES, ...(drawn(MORE_BODIES, 4, `${key} body`) as typeof MORE_BODIES)])
      await send(actor, route, `body ${bad.label}`, { url: url(), payload: bad.payload, contentType: bad.contentType });
    // Extra fields last: the request is otherwise valid and may change state.
    const extra = isObject(base)
      ? { ...base, extra: '\u0000', isAdmin: true, id: '00000000-0000-4000-8000-000000000000' }
      : { extra: 1 };
    await send(actor, route, 'body with extra fields', { url: url(), payload: json(extra) });
  }
  await auditWriterHealthy(key);
}

function bodyFor(route: RouteInfo, base: unknown): { payload?: string } {
  return route.method === 'GET' || base === undefined ? {} : { payload: JSON.stringify(base) };
}

/** The raw upload's sample file, each ledger column in turn filled with malformed cells; plus files that are not .xlsx. */
async function badLedgers(ids: SampleIds, raw: NonNullable<RouteSample['raw']>): Promise<[string, Buffer][]> {
  const CELLS: unknown[] = [
    '_x0000_',
    'a_x0000_b',
    '\u0000',
    '2026-02-30',
    '0000-01-01',
    '9999-12-31',
    '1899-12-31',
    LONG,
    '😀'.repeat(50),
    '\uD800',
    -1,
    0,
    1e308,
    2 ** 53 + 2,
    1.5,
    80_000,
    1_000_000,
    true,
    new Date('2026-02-28T00:00:00Z'),
    { formula: '1/0', result: '#DIV/0!' },
    { richText: [{ text: '_x0000_' }] },
    { text: 'link', hyperlink: 'javascript:alert(1)' },
  ];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow([...LEDGER_HEADINGS]);
  let n = 0;
  for (const heading of LEDGER_HEADINGS) {
    for (const cell of CELLS) {
      n++;
      const row: Record<string, unknown> = {
        姓名: `样例${n}`,
        身份证号: makeIdNumber('1950-01-01'),
        所属社区: ids.org.communityA,
        [heading]: cell,
      };
      sheet.addRow(LEDGER_HEADINGS.map((h) => row[h] ?? null));
    }
  }
  const malformed = Buffer.from(await workbook.xlsx.writeBuffer());
  const sampleFile = (await raw(ids)).body;
  return [
    ['malformed cells', malformed],
    ['empty file', Buffer.alloc(0)],
    ['random bytes', Buffer.from(sampled(fc.uint8Array({ minLength: 100, maxLength: 2000 }), 1, 5)[0]!)],
    ['zip header only', Buffer.from('504b0304', 'hex')],
    ['truncated .xlsx', sampleFile.subarray(0, Math.floor(sampleFile.length / 2))],
    ['NUL bytes', Buffer.alloc(1000)],
  ];
}

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await createTestApp({ loginLimitPerIp: 1_000_000, loginLimitPerUser: 1_000_000 });
  org = await buildOrg(t.app.ctx);
  const worker = await login('community_worker', [org.communityA]);
  const supervisor = await login('community_supervisor', [org.communityA]);
  fixtures = await careFixtures(worker.client, org.communityA, supervisor.client);
  targetUserId = (await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] })).id;
  for (const role of ['district_officer', 'system_admin', 'security_admin', 'audit_admin'] as Role[])
    await login(role, [org.district]);
}, 120_000);
afterAll(() => t?.close());

it('no route answers a malformed request with a 5xx, a stack trace or SQL', async () => {
  const started = Date.now();
  const routes = [...t.app.routeTable];
  expect(routes.length).toBeGreaterThan(50); // the route table grows with every module: a floor, not a count
  const timing: [string, number][] = [];
  for (const route of routes) {
    const t0 = Date.now();
    await fuzzRoute(route);
    timing.push([routeKey(route.method, route.url), Date.now() - t0]);
  }
  if (process.env.FUZZ_TIMING)
    console.info(
      timing
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, ms]) => `${ms} ms ${k}`)
        .join('\n'),
    );
  const byRoute = new Map<string, Problem[]>();
  for (const p of problems) byRoute.set(p.route, [...(byRoute.get(p.route) ?? []), p]);
  const report = [...byRoute.entries()].map(
    ([route, list]) =>
      `${route}: ${list.length} problem(s), e.g.\n${list
        .slice(0, 4)
        .map((p) => `    ${p.status} ${p.variant} → ${p.body}`)
        .join('\n')}`,
  );
  console.info(
    `fuzz: ${sent} requests over ${routes.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(report).toEqual([]);
}, 600_000);

describe('what malformed input answers instead (F11)', () => {
  const supervisor = () => actors.get('community_supervisor')!.client;
  const fieldsOfAnswer = (res: LightMyRequestResponse) => [res.statusCode, res.json().code, res.json().fields];

  it('a string PostgreSQL cannot store, anywhere in a request: 400 naming the field', async () => {
    const client = supervisor();
    expect(fieldsOfAnswer(await client.get('/api/care/clients?q=%E5%BC%A0%00'))).toEqual([
      400,
      'common.validation_failed',
      [{ path: 'q', code: UNSTORABLE_TEXT, message: FIELD_MESSAGES[UNSTORABLE_TEXT].zh }],
    ]);
    const { id } = await createClient(client, org.communityA);
    const { version } = (await client.get(`/api/care/clients/${id}`)).json() as { version: number };
    expect(fieldsOfAnswer(await client.patch(`/api/care/clients/${id}`, { version, notes: 'a\u0000b' }))).toEqual([
      400,
      'common.validation_failed',
      [{ path: 'notes', code: UNSTORABLE_TEXT, message: FIELD_MESSAGES[UNSTORABLE_TEXT].zh }],
    ]);
    const nested = await client.post(`/api/care/clients/${id}/assessments`, {
      scores: { health: { score: 1, note: 'x\uD800' } },
      tier: 'blue',
    });
    expect(fieldsOfAnswer(nested)).toEqual([
      400,
      'common.validation_failed',
      [{ path: 'scores.health.note', code: UNSTORABLE_TEXT, message: FIELD_MESSAGES[UNSTORABLE_TEXT].zh }],
    ]);
    expect((await client.get(`/api/care/clients/${id}%00`)).statusCode).toBe(400);
  });

  it('impossible dates and non-ISO date-times: 400 with a clear message', async () => {
    const client = supervisor();
    const birth = await client.post('/api/care/clients', {
      name: '日期测试',
      birthDate: '2025-02-29',
      communityCode: org.communityA,
      categories: ['other'],
    });
    expect(fieldsOfAnswer(birth)).toEqual([
      400,
      'common.validation_failed',
      [{ path: 'birthDate', code: 'field.date_invalid', message: '日期无效' }],
    ]);
    const { id } = await createClient(client, org.communityA);
    const { version } = (await client.get(`/api/care/clients/${id}`)).json() as { version: number };
    const paused = await client.post(`/api/care/clients/${id}/status`, {
      version,
      status: 'paused',
      resumeOn: '2026-02-30',
      reason: '住院治疗',
    });
    expect(fieldsOfAnswer(paused)).toEqual([
      400,
      'common.validation_failed',
      [{ path: 'resumeOn', code: 'field.date_invalid', message: '日期无效' }],
    ]);
    const auditor = actors.get('audit_admin')!.client;
    for (const from of ['2026-03-01 10:00', '2026-02-30T00:00:00Z', 'yesterday']) {
      const res = await auditor.get(`/api/audit?from=${encodeURIComponent(from)}`);
      expect([res.statusCode, res.json().fields?.[0]?.path], from).toEqual([400, 'from']);
    }
    expect((await auditor.get(`/api/audit?from=${encodeURIComponent('2026-03-01T10:00:00+08:00')}`)).statusCode).toBe(
      200,
    );
  });

  it('the .xlsx upload is not text: the guard leaves the file to the ledger reader', async () => {
    const client = supervisor();
    const zeros = await client.upload('/api/care/ledger/import?dryRun=true', Buffer.alloc(2000), XLSX_MIME);
    expect([zeros.statusCode, zeros.json().code]).toEqual([400, 'care.ledger_unreadable']);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['姓名', '身份证号', '所属社区', '家庭住址']);
    sheet.addRow(['零字符', makeIdNumber('1950-01-01'), org.communityA, 'a_x0000_b']);
    const res = await client.upload(
      '/api/care/ledger/import?dryRun=false',
      Buffer.from(await workbook.xlsx.writeBuffer()),
      XLSX_MIME,
    );
    expect(res.statusCode, res.body).toBe(200);
  });

  it('a refused request with NUL in its path is audited with U+FFFD, and the audit writer keeps writing', async () => {
    const auditor = actors.get('audit_admin')!.client;
    expect((await auditor.patch('/api/areas/zz%00zz', { name: 'x', version: 1 })).statusCode).toBe(403);
    expect(await unwrittenAuditRows()).toBe(0);
    const rows = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'authz.forbidden'));
    expect(rows.some((r) => r.objectIds.includes('zz\uFFFDzz'))).toBe(true);
  });
});
