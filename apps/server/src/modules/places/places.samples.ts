import type { ModuleSamples } from '../../../test/route-samples';

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/places/items': {},
    'POST /api/places/items': { body: ({ org }) => ({ areaCode: org.communityA, title: '样例' }) },
    'GET /api/places/items/:id': {},
  },
  /** One object of each of this module's id kinds in the community, made by a worker there. */
  async fixtures(worker, communityCode) {
    const res = await worker.post('/api/places/items', { areaCode: communityCode, title: '测试' });
    if (res.statusCode !== 200) throw new Error(`places fixtures: ${res.body}`);
    return { places_item: (res.json() as { id: string }).id };
  },
};
export default samples;
