/**
 * Every validation message a person can see is in the UI language (issue 9): bad bodies and queries are sent to
 * every route with a body or query schema, and each field message in the 400 answer must be a field code's words
 * from the catalogue (packages/contracts/src/field-messages.ts) in the request's language — never zod's English
 * defaults ("Invalid input: expected string, received undefined", "Too small: expected array…").
 */
import {
  type ErrorBody,
  FIELD_MESSAGES,
  type FieldError,
  ROLE_PERMISSIONS,
  fieldMessage,
  isFieldCode,
  type Lang,
  type Permission,
  type Role,
} from '@linli/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../src/app';
import { generateTotpSecret } from '../src/modules/auth/totp';
import { createUser, buildOrg, type TestOrg } from './factories/org';
import { LONG, fieldsOf, jsonSchemaOf, withValue } from './fuzz-inputs';
import { useTestApp, loginWithTotp, TestClient } from './harness';

const t = useTestApp({ loginLimitPerIp: 100_000, loginLimitPerUser: 100_000 });
let org: TestOrg;
const clients = new Map<Role, TestClient>();

// zod's own default messages (the catalogue's English words are checked by equality below).
const ZOD_ENGLISH =
  /Invalid input|expected \w+, received|Too (small|big)|Unrecognized key|invalid characters in a name/;
const CJK = /[\u3400-\u9fff]/;

async function clientFor(role: Role): Promise<TestClient> {
  const known = clients.get(role);
  if (known) return known;
  const admin = role.endsWith('_admin');
  const areas = role === 'community_supervisor' ? [org.communityA] : [org.district];
  const user = await createUser(t.app.ctx, {
    roles: [role],
    areas,
    totpSecret: admin ? generateTotpSecret() : undefined,
  });
  const client = admin ? await loginWithTotp(t, user.username, user.password) : new TestClient(t.app);
  if (!admin) await client.login(user.username, user.password);
  clients.set(role, client);
  return client;
}

function roleFor(permission: Permission | undefined): Role {
  const order: Role[] = ['community_supervisor', 'district_officer', 'system_admin', 'security_admin', 'audit_admin'];
  return order.find((r) => !permission || ROLE_PERMISSIONS[r].includes(permission)) ?? 'community_supervisor';
}

/** Bodies that break every field of a schema at once, one kind of break per body. */
function badBodies(route: RouteInfo): { label: string; body: unknown }[] {
  const schema = jsonSchemaOf(route.schema.body);
  if (!schema) return [];
  const fields = fieldsOf(schema, undefined);
  const top = fields.filter((f) => f.path.length === 1);
  const set = (pick: (kind: string) => unknown, list = top) =>
    list.reduce<unknown>((body, f) => withValue(body, f.path, pick(f.kind)), {});
  return [
    { label: 'empty', body: {} },
    { label: 'wrong types', body: set((k) => (k === 'string' ? 12345 : k === 'any' ? undefined : 'abc')) },
    {
      label: 'too large',
      body: set((k) => (k === 'string' ? LONG : k === 'number' ? 1e15 : k === 'array' ? Array(2000).fill('x') : {})),
    },
    { label: 'too small', body: set((k) => (k === 'string' ? '' : k === 'number' ? -1e15 : k === 'array' ? [] : {})) },
    { label: 'bad formats', body: set((k) => (k === 'string' ? '2026-13-45T99:99' : k === 'number' ? 1.5 : 'abc')) },
    {
      label: 'nested',
      body: set((k) => (k === 'string' ? 7 : k === 'number' ? 'x' : k === 'boolean' ? 'x' : []), fields),
    },
  ];
}

function checkFields(body: ErrorBody, lang: Lang, what: string): number {
  let n = 0;
  for (const field of body.fields ?? ([] as FieldError[])) {
    // The body Fastify could not read carries Fastify's own words in `detail`, never in the message.
    expect(isFieldCode(field.code), `${what}: ${field.code}`).toBe(true);
    expect(field.message, what).toBe(fieldMessage(field.code, lang, field.params));
    expect(field.message, what).not.toMatch(ZOD_ENGLISH);
    expect(field.message, what).not.toMatch(/\{\w+\}/);
    if (lang === 'zh') expect(CJK.test(field.message), `${what}: ${field.message}`).toBe(true);
    n++;
  }
  return n;
}

beforeAll(async () => {
  org = await buildOrg(t.app.ctx);
});

describe('validation messages', () => {
  it(
    'are the catalogue words in Chinese (default) and English, on every route with a body',
    { timeout: 600_000 },
    async () => {
      const codes = new Set<string>();
      let checked = 0;
      let routes = 0;
      for (const route of t.app.routeTable) {
        if (!['POST', 'PUT', 'PATCH'].includes(route.method) || !route.schema.body || route.url.includes('ledger'))
          continue;
        const client = await clientFor(roleFor(route.config.permission as Permission | undefined));
        const url = route.url.replace(/:(\w+)/g, (_, name: string) =>
          name === 'code' ? org.communityA : '00000000-0000-4000-8000-000000000000',
        );
        let answered = false;
        for (const { label, body } of badBodies(route)) {
          for (const lang of ['zh', 'en'] as const) {
            const res = await client.request(
              route.method as 'POST',
              url,
              body,
              lang === 'en' ? { 'accept-language': 'en' } : {},
            );
            if (res.statusCode !== 400) continue;
            const json = res.json() as ErrorBody;
            checked += checkFields(json, lang, `${route.method} ${route.url} (${label}, ${lang})`);
            for (const f of json.fields ?? []) codes.add(f.code);
            answered = true;
          }
        }
        if (answered) routes++;
      }
      expect(routes).toBeGreaterThan(30);
      expect(checked).toBeGreaterThan(200);
      // The kinds of check the bodies provoke, each with its own words.
      for (const code of [
        'field.required',
        'field.invalid',
        'field.max_chars',
        'field.min_items',
        'field.invalid_value',
      ])
        expect(codes, code).toContain(code);
    },
  );

  it('of a query are the catalogue words too', async () => {
    const client = await clientFor('community_supervisor');
    const res = await client.get('/api/care/clients?pageSize=abc&page=-1&tier=purple');
    expect(res.statusCode).toBe(400);
    expect(checkFields(res.json() as ErrorBody, 'zh', 'GET /api/care/clients')).toBeGreaterThan(0);
  });

  it('say why a name is refused: emoji and markup characters, over 40 characters (not cut)', async () => {
    const client = await clientFor('community_supervisor');
    const post = (name: string) =>
      client.post('/api/care/clients', { name, communityCode: org.communityA, categories: ['other'] });
    for (const [name, code] of [
      ['王😀', 'field.name_characters'],
      ['<b>王</b>', 'field.name_characters'],
      ['王'.repeat(41), 'field.max_chars'],
    ] as const) {
      const res = await post(name);
      expect(res.statusCode, name).toBe(400);
      const field = (res.json() as ErrorBody).fields!.find((f) => f.path === 'name')!;
      expect(field.code, name).toBe(code);
      expect(field.message).toBe(FIELD_MESSAGES[code].zh.replace('{n}', '40'));
    }
    // A name with a rare character outside the BMP (𠀀, CJK Extension B) is a name, not an emoji.
    expect((await post('王𠀀')).statusCode).toBe(200);
  });
});
