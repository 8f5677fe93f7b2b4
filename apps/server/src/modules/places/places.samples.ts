import { randomUUID } from 'node:crypto';
import { smallJpeg } from '../../../test/factories/photos';
import type { ModuleSamples } from '../../../test/route-samples';

/** Names are unique per community among active places, and the samples run many times in one community. */
const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/places': {},
    'POST /api/places': {
      body: ({ org }) => ({ communityCode: org.communityA, name: uniqueName('样例楼'), kind: 'building' }),
    },
    'GET /api/places/:id': {},
    'PATCH /api/places/:id': {
      body: () => ({ version: 1, address: '样例路 1 号' }),
      prepare: async (client, _now, path) => ({
        version: ((await client.get(path)).json() as { version?: number }).version ?? 1,
        address: '样例路 1 号',
      }),
    },
    'POST /api/media/photos': { raw: async () => ({ body: await smallJpeg(), contentType: 'image/jpeg' }) },
  },
  /** One object of each of this module's id kinds in the community, made by a worker there. */
  async fixtures(worker, communityCode) {
    const res = await worker.post('/api/places', { communityCode, name: uniqueName('测试楼'), kind: 'building' });
    if (res.statusCode !== 200) throw new Error(`places fixtures: ${res.body}`);
    return { place: (res.json() as { id: string }).id };
  },
};
export default samples;
