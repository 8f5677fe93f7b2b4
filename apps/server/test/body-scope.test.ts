import { randomUUID } from 'node:crypto';
import { ROLE_PERMISSIONS, type Permission, type Role } from '@linli/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTotpSecret } from '../src/modules/auth/totp';
import { chinaToday } from '../src/platform/dates';
import { careFixtures } from './factories/care';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { loginWithTotp, TestClient, useTestApp } from './harness';
import { ROUTE_SAMPLES, moduleFixtures, routeKey } from './route-samples';

/**
 * Ids inside request bodies are scope-checked like ids in paths (F5), and the answer for another district's object
 * that exists is the same as for one that does not (no "does it exist" oracle). Generated from the route table and
 * each route's sample body: every body field that names an area, a user or a client is swapped in turn.
 */
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
let home: TestOrg;
let foreign: TestOrg;
let foreignIds: { user: string; client: string; organisation: string };

beforeAll(async () => {
  home = await buildOrg(t.app.ctx);
  foreign = await buildOrg(t.app.ctx);
  const outsider = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [foreign.communityA] });
  const client = new TestClient(t.app);
  await client.login(outsider.username, outsider.password);
  const boss = await createUser(t.app.ctx, { roles: ['community_supervisor'], areas: [foreign.communityA] });
  const approver = new TestClient(t.app);
  await approver.login(boss.username, boss.password);
  const fixtures = await careFixtures(client, foreign.communityA, approver);
  // A partner organisation held by the other district's community (issue 10: referrals and partner accounts name one).
  const partner = await approver.post('/api/organisations', {
    areaCode: foreign.communityA,
    kind: 'expert',
    name: '外区心理咨询师',
    expertField: '心理咨询',
    expertQualification: '心理咨询师',
  });
  if (partner.statusCode !== 200) throw new Error(`foreign organisation: ${partner.body}`);
  foreignIds = {
    user: outsider.id,
    client: fixtures.merge_target!,
    organisation: (partner.json() as { id: string }).id,
  };
}, 120_000);

type Kind = 'area' | 'grid' | 'areas' | 'user' | 'client' | 'organisation';
/** Body fields that carry a reference, by name. */
const REFERENCE_FIELDS: Record<string, Kind> = {
  parentCode: 'area',
  intoCode: 'area',
  communityCode: 'area',
  areaCode: 'area',
  gridCode: 'grid',
  areaCodes: 'areas',
  toUserId: 'user',
  assigneeId: 'user',
  ownerId: 'user',
  intoId: 'client',
  organisationId: 'organisation',
};

function existing(kind: Kind): unknown {
  if (kind === 'area') return foreign.communityA;
  if (kind === 'grid') return foreign.gridsA[0];
  if (kind === 'areas') return [foreign.communityA];
  return foreignIds[kind];
}

function missing(kind: Kind): unknown {
  // Same shape, nothing there: a community and grid code of a district that does not exist.
  if (kind === 'area') return '899999001001';
  if (kind === 'grid') return '899999001001001';
  if (kind === 'areas') return ['899999001001'];
  return randomUUID();
}

/** Paths to reference fields in a body: top level, and one level down (e.g. `filter.communityCode`). */
function referencePaths(body: Record<string, unknown>, accepted: readonly string[]): { path: string[]; kind: Kind }[] {
  const out: { path: string[]; kind: Kind }[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (REFERENCE_FIELDS[key]) out.push({ path: [key], kind: REFERENCE_FIELDS[key]! });
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const inner of Object.keys(value))
        if (REFERENCE_FIELDS[inner]) out.push({ path: [key, inner], kind: REFERENCE_FIELDS[inner]! });
    }
  }
  // Fields a route accepts but the sample leaves out: try the optional references too.
  for (const key of ['assigneeId', 'gridCode', 'organisationId'])
    if (!(key in body) && accepted.includes(key)) out.push({ path: [key], kind: REFERENCE_FIELDS[key]! });
  return out;
}

function withValue(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

async function actorFor(permission: Permission | undefined): Promise<TestClient> {
  const role =
    !permission || ROLE_PERMISSIONS.community_supervisor.includes(permission)
      ? 'community_supervisor'
      : (Object.entries(ROLE_PERMISSIONS) as [Role, readonly Permission[]][]).find(([, ps]) =>
          ps.includes(permission),
        )![0];
  const admin = role.endsWith('_admin');
  const user = await createUser(t.app.ctx, {
    roles: [role],
    areas: [admin ? home.district : home.communityA],
    totpSecret: admin ? generateTotpSecret() : undefined,
  });
  if (admin) return loginWithTotp(t, user.username, user.password);
  const client = new TestClient(t.app);
  await client.login(user.username, user.password);
  return client;
}

describe('ids inside request bodies (F5)', () => {
  it('a reference to another district is refused, and answered the same whether it exists or not', async () => {
    let checked = 0;
    const worker = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [home.communityA] });
    const homeWorker = new TestClient(t.app);
    await homeWorker.login(worker.username, worker.password);
    const homeFixtures = {
      ...(await careFixtures(homeWorker, home.communityA, await actorFor('care.case.approve'))),
      ...(await moduleFixtures(homeWorker, home.communityA)),
    };
    for (const route of t.app.routeTable) {
      const sample = ROUTE_SAMPLES[routeKey(route.method, route.url)]!;
      if (route.method === 'GET' || route.config.public || sample.raw || !sample.body) continue;
      const client = await actorFor(route.config.permission as Permission | undefined);
      const ids = {
        org: home,
        userId: (await createUser(t.app.ctx, { roles: ['community_worker'], areas: [home.communityA] })).id,
        today: chinaToday(t.clock.now()),
        fixtures: homeFixtures,
      };
      const kind = Object.values((route.config.idParams as Record<string, string>) ?? {})[0];
      const fixture = sample.fixture ?? kind;
      const objectId = fixture && fixture !== 'user' && fixture !== 'area' ? homeFixtures[fixture] : ids.userId;
      const path = route.url.replace(/:(\w+)/g, (_, name: string) => (name === 'code' ? home.communityA : objectId!));
      const accepted = Object.keys((route.schema.body as { shape?: Record<string, unknown> } | undefined)?.shape ?? {});
      for (const ref of referencePaths(sample.body(ids) as Record<string, unknown>, accepted)) {
        const base =
          (sample.prepare ? await sample.prepare(client, t.clock.now(), path) : undefined) ?? sample.body(ids);
        const there = await client.request(
          route.method as 'POST',
          path,
          withValue(base as Record<string, unknown>, ref.path, existing(ref.kind)),
        );
        const absent = missing(ref.kind);
        const notThere = await client.request(
          route.method as 'POST',
          path,
          withValue(base as Record<string, unknown>, ref.path, absent),
        );
        const where = `${route.method} ${route.url} with ${ref.path.join('.')}`;
        // Refused (400, 403 or 404 depending on the route); the exact answer is the one for a missing id, below.
        expect(there.statusCode, `${where}: ${there.body}`).toBeGreaterThanOrEqual(400);
        expect(there.statusCode, where).toBeLessThan(500);
        // The same answer, word for word, once the value the caller sent (echoed in field errors) is set aside.
        const normal = (body: string, sent: unknown) => {
          let text = body.replace(/"requestId":"[^"]+"/, '');
          for (const v of [sent].flat()) text = text.split(String(v)).join('«sent»');
          return text;
        };
        expect(normal(there.body, existing(ref.kind)), where).toBe(normal(notThere.body, absent));
        expect(there.statusCode, where).toBe(notThere.statusCode);
        checked++;
      }
    }
    // The route table grows with every module: a floor that catches a loop that checked nothing, not a count.
    expect(checked).toBeGreaterThanOrEqual(10);
  }, 180_000);
});
