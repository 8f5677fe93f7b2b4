import type { ModuleSamples } from '../../../test/route-samples';

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/requests/items': {},
    'POST /api/requests/items': { body: ({ org }) => ({ areaCode: org.communityA, title: '样例' }) },
    'GET /api/requests/items/:id': {},
  },
  /** One object of each of this module's id kinds in the community, made by a worker there. */
  async fixtures(worker, communityCode) {
    const res = await worker.post('/api/requests/items', { areaCode: communityCode, title: '测试' });
    if (res.statusCode !== 200) throw new Error(`requests fixtures: ${res.body}`);
    return { requests_item: (res.json() as { id: string }).id };
  },
};
export default samples;
