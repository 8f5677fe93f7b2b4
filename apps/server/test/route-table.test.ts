import { PERMISSIONS, ROLE_PERMISSIONS, type Permission, type Role } from '@linli/contracts';
import { UserList } from '@linli/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTotpSecret } from '../src/modules/auth/totp';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { careFixtures } from './factories/care';
import { chinaToday } from '../src/platform/dates';
import { loginWithTotp, TestClient, useTestApp } from './harness';
import { ROUTE_SAMPLES, moduleFixtures, routeKey } from './route-samples';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
// One district for the file: the tests below only add objects of their own to it (users, care fixtures) and look
// them up by id; a test that counts what it sees builds a district of its own.
let org: TestOrg;
beforeAll(async () => {
  org = await buildOrg(t.app.ctx);
});

function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => values[name] ?? `missing-${name}`);
}

async function loginAs(roles: Role[], areas: string[]): Promise<{ client: TestClient; id: string }> {
  const admin = roles.some((r) => r.endsWith('_admin'));
  const user = await createUser(t.app.ctx, { roles, areas, totpSecret: admin ? generateTotpSecret() : undefined });
  let client = new TestClient(t.app);
  if (admin) client = await loginWithTotp(t, user.username, user.password);
  else await client.login(user.username, user.password);
  expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  return { client, id: user.id };
}

async function call(
  client: TestClient,
  method: string,
  url: string,
  values: Record<string, string>,
  userId: string,
  prepare = true,
  fixtures: Record<string, string> = {},
) {
  const sample = ROUTE_SAMPLES[routeKey(method, url)]!;
  const path = fillPath(url, values) + (sample.query ? `?${sample.query}` : '');
  const prepared =
    sample.prepare && prepare ? await sample.prepare(client, t.clock.now(), path.split('?')[0]!) : undefined;
  const ids = { org, userId, today: chinaToday(t.clock.now()), fixtures };
  if (sample.raw && prepare) {
    const raw = await sample.raw(ids);
    return client.upload(path, raw.body, raw.contentType);
  }
  const body = prepared ?? sample.body?.(ids);
  return client.request(method as 'GET', path, method === 'GET' ? undefined : (body ?? {}));
}

describe('route table', () => {
  it('has a sample request for every API route, and every path parameter names its id kind', () => {
    const keys = t.app.routeTable.map((r) => routeKey(r.method, r.url));
    expect(keys.filter((k) => !ROUTE_SAMPLES[k])).toEqual([]);
    for (const route of t.app.routeTable) {
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const declared = Object.keys((route.config.idParams as Record<string, string>) ?? {});
      expect(declared.sort(), route.url).toEqual(params.sort());
    }
  });

  it('every route except the public ones needs a session', async () => {
    const anonymous = new TestClient(t.app);
    for (const route of t.app.routeTable) {
      if (route.config.public) continue;
      const res = await call(
        anonymous,
        route.method,
        route.url,
        { code: org.communityA, id: '00000000-0000-4000-8000-000000000000' },
        '',
        false,
      );
      expect(res.statusCode, routeKey(route.method, route.url)).toBe(401);
    }
  });
});

describe('area scope (R-05): a worker of community A gets 404 for every id of community B', () => {
  it('on every route that takes an id', async () => {
    const { client } = await loginAs(['community_worker'], [org.communityA]);
    const colleagueB = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityB] });
    const workerB = new TestClient(t.app);
    await workerB.login(colleagueB.username, colleagueB.password);
    const care = {
      ...(await careFixtures(workerB, org.communityB)),
      ...(await moduleFixtures(workerB, org.communityB)),
    };
    const idsOfB: Record<string, string[]> = {
      area: [org.communityB, org.gridsB[0]!, org.streetB, org.district],
      user: [colleagueB.id],
      client: [care.client!],
      visit: [care.visit!],
      tier_change: [care.tier_change!],
      case: [care.case!],
      referral: [care.referral!],
      consent: [care.consent!],
      export: [care.export!],
      household: [care.household!],
      client_merge: [care.client_merge!],
      // Modules' own kinds: their fixture is named after the kind (see ModuleSamples).
      ...Object.fromEntries(
        Object.entries(care)
          .filter(
            ([k]) =>
              ![
                'client',
                'visit',
                'tier_change',
                'case',
                'referral',
                'consent',
                'export',
                'household',
                'client_merge',
              ].includes(k),
          )
          .map(([k, v]) => [k, [v]]),
      ),
    };
    const workerPermissions = new Set<Permission>(ROLE_PERMISSIONS.community_worker);
    let checked = 0;
    for (const route of t.app.routeTable) {
      const idParams = route.config.idParams as Record<string, string> | undefined;
      // A public route has no jurisdiction to leave (Open311's reads show public data by design; its key scope is
      // tested in open311/georeport.test.ts).
      if (!idParams || route.config.public) continue;
      const [param, kind] = Object.entries(idParams)[0]!;
      for (const id of idsOfB[kind]!) {
        const res = await call(client, route.method, route.url, { [param]: id }, colleagueB.id, true, care);
        const needs = route.config.permission as Permission | undefined;
        const expected = needs && !workerPermissions.has(needs) ? 403 : 404;
        expect(res.statusCode, `${route.method} ${route.url} with ${id}`).toBe(expected);
        expect(JSON.stringify(res.json())).not.toContain(colleagueB.username);
        checked++;
      }
    }
    // The route table grows with every module: a floor that catches a loop that checked nothing, not a count.
    expect(checked).toBeGreaterThanOrEqual(10);
    // A loop over the whole route table, which grows with every module.
  }, 180_000);

  it('lists only what lies inside the jurisdiction', async () => {
    const local = await buildOrg(t.app.ctx);
    const { client, id } = await loginAs(['community_worker'], [local.communityA]);
    const inGrid = await createUser(t.app.ctx, { roles: ['grid_worker'], areas: [local.gridsA[1]!] });
    await createUser(t.app.ctx, { roles: ['community_worker'], areas: [local.communityB] });
    await createUser(t.app.ctx, { roles: ['street_officer'], areas: [local.streetA] });
    const tree = (await client.get('/api/areas/tree')).json().items as { code: string }[];
    expect(tree.map((a) => a.code).sort()).toEqual([local.communityA, ...local.gridsA].sort());
    const users = (await client.getAs(UserList, '/api/users?pageSize=100')).items;
    expect(users.map((u) => u.id).sort()).toEqual([id, inGrid.id].sort());
  });

  it('the area switcher narrows the scope and cannot leave the jurisdiction', async () => {
    const { client } = await loginAs(['street_officer'], [org.streetA]);
    expect((await client.get(`/api/areas/${org.communityB}`)).statusCode).toBe(200);
    expect((await client.put('/api/me/area', { areaCode: org.communityA })).json().currentAreaCode).toBe(
      org.communityA,
    );
    expect((await client.get(`/api/areas/${org.communityB}`)).statusCode).toBe(404);
    expect((await client.put('/api/me/area', { areaCode: org.communityC })).statusCode).toBe(404);
    expect((await client.put('/api/me/area', { areaCode: null })).statusCode).toBe(200);
    expect((await client.get(`/api/areas/${org.communityB}`)).statusCode).toBe(200);
  });
});

describe('audit (R-16): every personal-data route writes an audit row', () => {
  const actorFor = (permission: Permission | undefined): { roles: Role[]; areas: string[] } => {
    if (!permission || ROLE_PERMISSIONS.community_supervisor.includes(permission))
      return { roles: ['community_supervisor'], areas: [org.communityA] };
    const role = (Object.entries(ROLE_PERMISSIONS) as [Role, readonly Permission[]][]).find(([, ps]) =>
      ps.includes(permission),
    )![0];
    return { roles: [role], areas: [org.district] };
  };

  it('for each route flagged personalData', async () => {
    const personal = t.app.routeTable.filter((r) => r.config.personalData);
    expect(personal.length).toBeGreaterThanOrEqual(10); // grows with every module: a floor, not a count
    const { client: workerA } = await loginAs(['community_worker'], [org.communityA]);
    const { client: supervisorA } = await loginAs(['community_supervisor'], [org.communityA]);
    const care = {
      ...(await careFixtures(workerA, org.communityA, supervisorA)),
      ...(await moduleFixtures(workerA, org.communityA)),
    };
    for (const route of personal) {
      const as = ROUTE_SAMPLES[routeKey(route.method, route.url)]!.as;
      const who = as
        ? { roles: [as] as Role[], areas: [org.district] }
        : actorFor(route.config.permission as Permission | undefined);
      const { client, id } = await loginAs(who.roles, who.areas);
      const sample = ROUTE_SAMPLES[routeKey(route.method, route.url)]!;
      const asker =
        sample.target === 'totp_reset_requested'
          ? (await createUser(t.app.ctx, { roles: ['security_admin'], areas: [org.district] })).id
          : undefined;
      const target = await createUser(t.app.ctx, {
        roles: ['community_worker'],
        areas: [org.communityA],
        status: sample.target === 'pending' ? 'pending' : 'active',
        totpSecret: sample.target?.startsWith('totp') ? generateTotpSecret() : undefined,
        totpResetRequestedBy: asker,
      });
      await t.app.ctx.auditWriter.flush();
      const before = await auditCount(id);
      const kind = Object.values((route.config.idParams as Record<string, string>) ?? {})[0];
      const fixture = ROUTE_SAMPLES[routeKey(route.method, route.url)]!.fixture ?? kind;
      const objectId = fixture && fixture !== 'user' && fixture !== 'area' ? care[fixture]! : target.id;
      const res = await call(
        client,
        route.method,
        route.url,
        { code: org.communityA, id: objectId },
        target.id,
        true,
        care,
      );
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(
        ROUTE_SAMPLES[routeKey(route.method, route.url)]!.auditStatus ?? 200,
      );
      await t.app.ctx.auditWriter.flush();
      expect(await auditCount(id), `${route.method} ${route.url}`).toBeGreaterThan(before);
    }
    // A loop over the whole route table, which grows with every module.
  }, 180_000);

  it('logs authorization failures with the object id', async () => {
    const { client, id } = await loginAs(['community_worker'], [org.communityA]);
    await client.get(`/api/areas/${org.communityB}`);
    await client.get('/api/audit');
    await t.app.ctx.auditWriter.flush();
    const { auditLog } = await import('../src/platform/audit.tables');
    const { eq } = await import('drizzle-orm');
    const rows = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, id));
    expect(rows.find((r) => r.action === 'authz.not_found' && r.objectIds.includes(org.communityB))?.result).toBe(
      'denied',
    );
    expect(rows.find((r) => r.action === 'authz.forbidden')?.result).toBe('denied');
    for (const row of rows) {
      expect(row.at).toBeInstanceOf(Date);
      expect(row.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.ip).toBe('10.0.0.1');
      expect(row.areaCodes).toEqual([org.communityA]);
    }
  });
});

async function auditCount(actorId: string): Promise<number> {
  const { auditLog } = await import('../src/platform/audit.tables');
  const { and, eq, ne, count } = await import('drizzle-orm');
  const [row] = await t.app.ctx.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), ne(auditLog.action, 'auth.login')));
  return Number(row?.n ?? 0);
}

it('the permission enum covers every permission a route asks for', () => {
  for (const route of t.app.routeTable) {
    if (route.config.permission) expect(PERMISSIONS).toContain(route.config.permission);
  }
});
