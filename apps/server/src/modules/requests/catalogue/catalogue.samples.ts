import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context';
import type { RouteSample } from '../../../../test/route-samples';
import { createUser } from '../../../../test/factories/org';
import { TestClient } from '../../../../test/harness';

const BASE = '/api/requests/catalogue';
const NOTHING = '00000000-0000-4000-8000-000000000000';

/** What an edit sends (a new version). */
const categoryFields = () => ({
  group: '环境卫生',
  name: '垃圾清运',
  description: null,
  questions: [
    {
      code: 'location_kind',
      label: '位置',
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'building', name: '楼栋内' },
        { key: 'outdoor', name: '室外' },
      ],
    },
  ],
  defaultUrgency: 'normal',
  signWorkingDays: 1,
  resolveWorkingDays: 3,
});
/** A new category, with a code of its own (codes are unique in a district). */
export const sampleCategory = (areaCode: string) => ({
  areaCode,
  code: `sample-${randomInt(0, 1e9)}`,
  ...categoryFields(),
});
const districtOf = (code: string) => `${code.slice(0, 6)}000000`;

async function versionOf(client: TestClient, categoryPath: string): Promise<number> {
  const id = categoryPath.split('/')[5];
  const list = (await client.get(`${BASE}/categories?includeInactive=true`)).json() as {
    items?: { id: string; version: number }[];
  };
  return list.items?.find((c) => c.id === id)?.version ?? 1;
}

/** Samples of the catalogue's routes, spread into requests.samples.ts (the route-table tests read module samples). */
export const catalogueSamples: Record<string, RouteSample> = {
  [`GET ${BASE}/categories`]: { query: 'includeInactive=true' },
  [`POST ${BASE}/categories`]: { body: ({ org }) => sampleCategory(org.district) },
  [`PUT ${BASE}/categories/:id`]: {
    body: () => ({ ...categoryFields(), version: 1 }),
    prepare: async (client, _now, path) => ({ ...categoryFields(), version: await versionOf(client, path) }),
  },
  [`POST ${BASE}/categories/:id/status`]: {
    body: () => ({ active: false, version: 1 }),
    prepare: async (client, _now, path) => ({ active: false, version: await versionOf(client, path) }),
  },
  [`GET ${BASE}/rules`]: {},
  [`POST ${BASE}/rules`]: {
    body: ({ org }) => ({ areaCode: org.communityA, categoryId: null, unitKind: 'grid', unitAreaCode: org.gridsA[0] }),
  },
  [`DELETE ${BASE}/rules/:id`]: {},
  [`GET ${BASE}/resolve`]: { query: `communityCode=510107001001&categoryId=${NOTHING}` },
};

/**
 * A category and a rule in the community's district. Only a district officer edits the catalogue, so one is made
 * for the purpose through the worker's app (the fixtures' caller is a community worker).
 */
export async function catalogueFixtures(worker: TestClient, communityCode: string): Promise<Record<string, string>> {
  const app = (worker as unknown as { app: FastifyInstance & { ctx: AppContext } }).app;
  const officer = await createUser(app.ctx, { roles: ['district_officer'], areas: [districtOf(communityCode)] });
  const client = new TestClient(app);
  await client.login(officer.username, officer.password);
  const category = await client.post(`${BASE}/categories`, sampleCategory(districtOf(communityCode)));
  if (category.statusCode !== 200) throw new Error(`catalogue fixtures (category): ${category.body}`);
  const categoryId = (category.json() as { id: string }).id;
  const rule = await client.post(`${BASE}/rules`, { areaCode: communityCode, categoryId, unitKind: 'community' });
  if (rule.statusCode !== 200) throw new Error(`catalogue fixtures (rule): ${rule.body}`);
  return { request_category: categoryId, request_routing_rule: (rule.json() as { id: string }).id };
}
