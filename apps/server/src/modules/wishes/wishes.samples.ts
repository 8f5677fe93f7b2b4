import type { ModuleSamples } from '../../../test/route-samples';

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/wishes/items': {},
    'POST /api/wishes/items': { body: ({ org }) => ({ areaCode: org.communityA, title: '样例' }) },
    'GET /api/wishes/items/:id': {},
  },
  /** One object of each of this module's id kinds in the community, made by a worker there. */
  async fixtures(worker, communityCode) {
    const res = await worker.post('/api/wishes/items', { areaCode: communityCode, title: '测试' });
    if (res.statusCode !== 200) throw new Error(`wishes fixtures: ${res.body}`);
    return { wishes_item: (res.json() as { id: string }).id };
  },
};
export default samples;
