import type { ModuleSamples } from '../../../test/route-samples';

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/open311/items': {},
    'POST /api/open311/items': { body: ({ org }) => ({ areaCode: org.communityA, title: '样例' }) },
    'GET /api/open311/items/:id': {},
  },
  /** One object of each of this module's id kinds in the community, made by a worker there. */
  async fixtures(worker, communityCode) {
    const res = await worker.post('/api/open311/items', { areaCode: communityCode, title: '测试' });
    if (res.statusCode !== 200) throw new Error(`open311 fixtures: ${res.body}`);
    return { open311_item: (res.json() as { id: string }).id };
  },
};
export default samples;
