import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type CategoryQuestion,
  RequestCategory,
  RequestCategoryList,
  RoutingResolution,
  RoutingRule,
  RoutingRuleList,
} from '@linli/contracts/modules/requests';
import { OrganisationDetail } from '@linli/contracts/modules/organisations';
import {
  categoryVersion,
  findCategory,
  listActiveCategories,
  resolveUnit,
  seedCatalogueDemo,
  validateAttributes,
} from '../src/modules/requests/catalogue';
import { sampleUscc } from '../src/modules/organisations/organisations.samples';
import { sampleCategory } from '../src/modules/requests/catalogue/catalogue.samples';
import { auditLog } from '../src/platform/audit.tables';
import { buildOrg, type TestOrg } from './factories/org';
import { expectError, signedIn, type TestClient, useTestApp } from './harness';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
const BASE = '/api/requests/catalogue';

async function district(): Promise<{ org: TestOrg; officer: TestClient; officerId: string }> {
  const org = await buildOrg(t.app.ctx);
  const signed = await signedIn(t, ['district_officer'], [org.district]);
  return { org, officer: signed.client, officerId: signed.id };
}

/** The ids of the audit rows of `action` by the user. */
async function audited(userId: string, action: string): Promise<string[][]> {
  await t.app.ctx.auditWriter.flush();
  const rows = await t.app.ctx.db
    .select({ objectIds: auditLog.objectIds })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, userId), eq(auditLog.action, action)));
  return rows.map((r) => r.objectIds);
}

async function category(officer: TestClient, org: TestOrg, name = '垃圾清运') {
  return officer.postAs(RequestCategory, `${BASE}/categories`, { ...sampleCategory(org.district), name });
}

/** A property company held by `holding`, serving `served` too. */
async function propertyCompany(org: TestOrg, holding: string, served: string[] = []) {
  const supervisor = (await signedIn(t, ['community_supervisor'], [holding])).client;
  return supervisor.postAs(OrganisationDetail, '/api/organisations', {
    areaCode: holding,
    kind: 'property_company',
    name: `测试物业${Math.random().toString(36).slice(2, 8)}`,
    uscc: sampleUscc('91510107'),
    serviceAreaCodes: served,
  });
}

describe('category catalogue', () => {
  it('an edit is a new version; requests filed under the old one keep it', async () => {
    const { org, officer, officerId } = await district();
    const created = await category(officer, org);
    expect(created.version).toBe(1);
    expect(await audited(officerId, 'requests.category.create')).toEqual([[created.id]]);
    const edited = await officer.putAs(RequestCategory, `${BASE}/categories/${created.id}`, {
      group: '环境卫生',
      name: '垃圾清运（大件）',
      description: '大件垃圾',
      questions: [],
      defaultUrgency: 'urgent',
      signWorkingDays: 0,
      resolveWorkingDays: 5,
      version: 1,
    });
    expect(edited.version).toBe(2);
    expect(await audited(officerId, 'requests.category.update')).toEqual([[created.id]]);
    expect(edited.versions.map((v) => [v.version, v.name])).toEqual([
      [2, '垃圾清运（大件）'],
      [1, '垃圾清运'],
    ]);
    const db = t.app.ctx.db;
    expect((await categoryVersion(db, created.id, 1))?.name).toBe('垃圾清运');
    expect((await categoryVersion(db, created.id, 1))?.questions.map((q) => q.code)).toEqual(['location_kind']);
    expect((await findCategory(db, org.communityA, created.id))?.name).toBe('垃圾清运（大件）');
    expect((await findCategory(db, org.district, created.code))?.version).toBe(2);
    // An edit from the first version again is someone else's stale form.
    const stale = await officer.put(`${BASE}/categories/${created.id}`, { ...sampleCategory(''), version: 1 });
    expectError(stale, 409, 'common.conflict');
  });

  it('deactivates and reactivates; the active list and the worker list follow', async () => {
    const { org, officer } = await district();
    const a = await category(officer, org, '路灯损坏');
    const b = await category(officer, org, '道路破损');
    await officer.postAs(RequestCategory, `${BASE}/categories/${a.id}/status`, { active: false, version: 1 });
    expect((await listActiveCategories(t.app.ctx.db, org.district)).map((c) => c.id)).toEqual([b.id]);
    const worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
    const seen = await worker.getAs(RequestCategoryList, `${BASE}/categories`);
    expect(seen.districtCode).toBe(org.district);
    expect(seen.canManage).toBe(false);
    expect(seen.items.map((c) => [c.id, c.allowedActions])).toEqual([[b.id, []]]);
    const all = await officer.getAs(RequestCategoryList, `${BASE}/categories?includeInactive=true`);
    expect(all.items.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    const back = await officer.postAs(RequestCategory, `${BASE}/categories/${a.id}/status`, {
      active: true,
      version: 1,
    });
    expect(back.active).toBe(true);
    expect(back.allowedActions).toEqual(['update', 'deactivate']);
  });

  it('a repeat with the same Idempotency-Key answers the first result and adds nothing', async () => {
    const { org, officer } = await district();
    const input = sampleCategory(org.district);
    const headers = { 'idempotency-key': `catalogue-${input.code}` };
    const first = await officer.request('POST', `${BASE}/categories`, input, headers);
    const again = await officer.request('POST', `${BASE}/categories`, input, headers);
    expect(first.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const list = await officer.getAs(RequestCategoryList, `${BASE}/categories`);
    expect(list.items.map((c) => c.id)).toEqual([first.json().id]);
  });

  it('codes are unique in a district, not across districts', async () => {
    const one = await district();
    const two = await district();
    const input = { ...sampleCategory(one.org.district), code: 'lamp' };
    await one.officer.postAs(RequestCategory, `${BASE}/categories`, input);
    expectError(await one.officer.post(`${BASE}/categories`, input), 409, 'requests.category_code_taken');
    await two.officer.postAs(RequestCategory, `${BASE}/categories`, { ...input, areaCode: two.org.district });
  });

  it('an officer edits only their own district; others get 404, workers 403', async () => {
    const mine = await district();
    const other = await district();
    const theirs = await category(other.officer, other.org);
    expectError(
      await mine.officer.put(`${BASE}/categories/${theirs.id}`, { ...sampleCategory(''), version: 1 }),
      404,
      'requests.category_not_found',
    );
    expectError(await mine.officer.post(`${BASE}/categories/${theirs.id}/status`, { active: false, version: 1 }), 404);
    expectError(
      await mine.officer.post(`${BASE}/categories`, sampleCategory(other.org.district)),
      404,
      'area.not_found',
    );
    expectError(await mine.officer.get(`${BASE}/categories?areaCode=${other.org.communityA}`), 404);
    // A catalogue is a district's: a community code is not where categories are created.
    expectError(await mine.officer.post(`${BASE}/categories`, sampleCategory(mine.org.communityA)), 404);
    const worker = (await signedIn(t, ['community_worker'], [mine.org.communityA])).client;
    expectError(await worker.post(`${BASE}/categories`, sampleCategory(mine.org.district)), 403);
    const street = (await signedIn(t, ['street_officer'], [mine.org.streetA])).client;
    expectError(await street.post(`${BASE}/categories`, sampleCategory(mine.org.district)), 403);
  });
});

describe('routing rules', () => {
  it('a rule for the category beats one for every category, and the most specific area wins', async () => {
    const { org, officer } = await district();
    const lift = await category(officer, org, '电梯故障');
    const other = await category(officer, org, '楼道堆物');
    const company = await propertyCompany(org, org.communityA);
    const rule = (body: object) => officer.postAs(RoutingRule, `${BASE}/rules`, body);
    const anyCategory = await rule({
      areaCode: org.district,
      categoryId: null,
      unitKind: 'street_department',
      departmentName: '城管科',
    });
    const streetLift = await rule({
      areaCode: org.streetA,
      categoryId: lift.id,
      unitKind: 'organisation',
      organisationId: company.id,
    });
    const resolve = (community: string, categoryId: string) =>
      officer.getAs(RoutingResolution, `${BASE}/resolve?communityCode=${community}&categoryId=${categoryId}`);

    // Street B: only the district's rule → the request's own street's department.
    expect(await resolve(org.communityC, lift.id)).toEqual({
      ruleId: anyCategory.id,
      unit: {
        kind: 'street_department',
        areaCode: org.streetB,
        organisationId: null,
        departmentName: '城管科',
        label: '乙街道城管科',
      },
    });
    // Street A, community A: the street's rule for lifts → the property company that serves community A.
    const a = await resolve(org.communityA, lift.id);
    expect(a).toEqual({
      ruleId: streetLift.id,
      unit: {
        kind: 'organisation',
        areaCode: org.communityA,
        organisationId: company.id,
        departmentName: null,
        label: company.name,
      },
    });
    // Community B is on street A too, but the company does not serve it: its rule is passed over.
    expect((await resolve(org.communityB, lift.id)).ruleId).toBe(anyCategory.id);
    // Another category in community A: the district's rule for every category.
    expect((await resolve(org.communityA, other.id)).ruleId).toBe(anyCategory.id);
    // The community's own rule for lifts is more specific than the street's.
    const gridLift = await rule({
      areaCode: org.communityA,
      categoryId: lift.id,
      unitKind: 'grid',
      unitAreaCode: org.gridsA[1],
    });
    expect(await resolveUnit(t.app.ctx.db, org.communityA, lift.id)).toEqual({
      kind: 'grid',
      areaCode: org.gridsA[1],
      organisationId: null,
      departmentName: null,
      label: '一号社区二号网格',
    });
    expect(gridLift.unitName).toBe('一号社区二号网格');
    // A rule for every category in community A does not beat the street's rule for lifts… but does for the rest.
    await officer.deleteAs(z.object({ id: z.string() }), `${BASE}/rules/${gridLift.id}`);
    const communityAny = await rule({ areaCode: org.communityA, categoryId: null, unitKind: 'community' });
    expect((await resolve(org.communityA, lift.id)).ruleId).toBe(streetLift.id);
    expect(await resolve(org.communityA, other.id)).toEqual({
      ruleId: communityAny.id,
      unit: {
        kind: 'community',
        areaCode: org.communityA,
        organisationId: null,
        departmentName: null,
        label: '一号社区',
      },
    });
    const list = await officer.getAs(RoutingRuleList, `${BASE}/rules`);
    expect(list.items.map((r) => r.id).sort()).toEqual([anyCategory.id, streetLift.id, communityAny.id].sort());
    expect(list.items.find((r) => r.id === anyCategory.id)?.unitName).toBeNull(); // the request's own street
  });

  it('with no rule the community itself handles it', async () => {
    const { org, officer } = await district();
    const c = await category(officer, org);
    expect(
      await officer.getAs(RoutingResolution, `${BASE}/resolve?communityCode=${org.communityB}&categoryId=${c.id}`),
    ).toEqual({
      ruleId: null,
      unit: {
        kind: 'community',
        areaCode: org.communityB,
        organisationId: null,
        departmentName: null,
        label: '二号社区',
      },
    });
  });

  it('refuses units outside the rule area, partners that do not serve it, and a second rule', async () => {
    const { org, officer } = await district();
    const other = await district();
    const c = await category(officer, org);
    const elsewhere = await propertyCompany(org, org.communityB);
    const foreign = await propertyCompany(other.org, other.org.communityA);
    const post = (body: object) =>
      officer.post(`${BASE}/rules`, { areaCode: org.communityA, categoryId: c.id, ...body });
    expectError(await post({ unitKind: 'grid', unitAreaCode: org.gridsB[0] }), 400, 'requests.unit_invalid');
    expectError(await post({ unitKind: 'grid' }), 400, 'requests.unit_invalid');
    expectError(await post({ unitKind: 'organisation', organisationId: elsewhere.id }), 400, 'requests.unit_invalid');
    const a = await post({ unitKind: 'organisation', organisationId: foreign.id });
    const b = await post({ unitKind: 'organisation', organisationId: '00000000-0000-4000-8000-000000000001' });
    expect(a.statusCode).toBe(400);
    expect(a.json().fields).toEqual(b.json().fields);
    expectError(await post({ unitKind: 'street_department' }), 400, 'requests.unit_invalid');
    await officer.postAs(RoutingRule, `${BASE}/rules`, {
      areaCode: org.communityA,
      categoryId: c.id,
      unitKind: 'street_department',
      departmentName: '城建办',
      unitAreaCode: org.streetA,
    });
    expectError(await post({ unitKind: 'community' }), 409, 'requests.rule_exists');
    // Another district's category, and another district's area.
    const theirs = await category(other.officer, other.org);
    expectError(await post({ categoryId: theirs.id, unitKind: 'community' }), 404, 'requests.category_not_found');
    expectError(
      await officer.post(`${BASE}/rules`, { areaCode: other.org.communityA, categoryId: null, unitKind: 'community' }),
      404,
      'area.not_found',
    );
  });

  it('a rule of another district cannot be deleted (404), nor by a worker (403)', async () => {
    const mine = await district();
    const other = await district();
    const rule = await other.officer.postAs(RoutingRule, `${BASE}/rules`, {
      areaCode: other.org.communityA,
      categoryId: null,
      unitKind: 'community',
    });
    expectError(await mine.officer.delete(`${BASE}/rules/${rule.id}`), 404, 'requests.rule_not_found');
    const worker = (await signedIn(t, ['community_worker'], [other.org.communityA])).client;
    expectError(await worker.delete(`${BASE}/rules/${rule.id}`), 403);
    expect((await worker.getAs(RoutingRuleList, `${BASE}/rules`)).items.map((r) => r.id)).toEqual([rule.id]);
  });
});

describe('demo catalogue', () => {
  it('routes to a street department, the property company, a grid and the community', async () => {
    const { org, officer } = await district();
    const company = await propertyCompany(org, org.communityA);
    const ids = await seedCatalogueDemo(t.app.ctx, {
      districtCode: org.district,
      streetCode: org.streetA,
      communityA: org.communityA,
      gridCode: org.gridsA[0]!,
      propertyCompanyId: company.id,
      createdBy: null,
    });
    const list = await officer.getAs(RequestCategoryList, `${BASE}/categories`);
    expect(list.items.map((c) => c.code).sort()).toEqual([...ids.keys()].sort());
    const unit = async (community: string, code: string) =>
      (await resolveUnit(t.app.ctx.db, community, ids.get(code)!)).kind;
    expect(await unit(org.communityA, 'streetlight')).toBe('street_department');
    expect(await unit(org.communityA, 'lift')).toBe('organisation');
    expect(await unit(org.communityB, 'lift')).toBe('community');
    expect(await unit(org.communityA, 'clutter')).toBe('grid');
    expect(await unit(org.communityA, 'elderly')).toBe('community');
  });
});

describe('attributes', () => {
  const questions: CategoryQuestion[] = [
    { code: 'floor', label: '楼层', datatype: 'number', required: true },
    { code: 'since', label: '发生时间', datatype: 'datetime', required: false },
    {
      code: 'kind',
      label: '类型',
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'a', name: '甲' },
        { key: 'b', name: '乙' },
      ],
    },
    {
      code: 'tags',
      label: '标签',
      datatype: 'multivaluelist',
      required: false,
      values: [
        { key: 'x', name: 'X' },
        { key: 'y', name: 'Y' },
      ],
    },
    { code: 'note', label: '补充', datatype: 'string', required: false },
  ];

  it('normalises valid answers and drops codes no question asks', () => {
    expect(
      validateAttributes(questions, {
        floor: '7',
        since: '2026-03-01T08:00:00+08:00',
        kind: 'a',
        tags: 'y',
        note: ' 三楼 ',
        religion: 'x',
      }),
    ).toEqual({
      ok: true,
      value: { floor: 7, since: '2026-03-01T00:00:00.000Z', kind: 'a', tags: ['y'], note: '三楼' },
    });
  });

  it('reports each wrong or missing answer by its path', () => {
    expect(validateAttributes(questions, { floor: 'high', tags: ['x', 'z'], since: 'soon' })).toEqual({
      ok: false,
      errors: [
        { path: 'attributes.floor', code: 'field.invalid' },
        { path: 'attributes.since', code: 'field.datetime_invalid' },
        { path: 'attributes.kind', code: 'field.required' },
        { path: 'attributes.tags', code: 'field.invalid_value' },
      ],
    });
  });
});
