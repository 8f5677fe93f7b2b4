import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context';
import type { ModuleSamples } from '../../../test/route-samples';
import { insertKey } from './keys.repository';

/**
 * Samples of this module's routes for the route-table tests. The /open311/v2/ routes are public (no session): the
 * generic tests check that they are declared public and survive the fuzzing; their behaviour, the key's scope and
 * the absence of contact fields are tested in georeport.test.ts.
 */
const samples: ModuleSamples = {
  samples: {
    'GET /api/open311/keys': { query: 'revoked=false' },
    'POST /api/open311/keys': {
      body: ({ org }) => ({ areaCode: org.communityA, name: '样例市民服务平台', rateLimitPerMinute: 30 }),
    },
    'POST /api/open311/keys/:id/revoke': {},
    'GET /open311/v2/services.json': {},
    'GET /open311/v2/services.xml': {},
    'GET /open311/v2/services/:service_code': {},
    'GET /open311/v2/requests.json': { query: 'status=open' },
    'GET /open311/v2/requests.xml': { query: 'status=open' },
    'POST /open311/v2/requests.json': {
      body: () => ({ api_key: 'o311_none', service_code: 'x', description: '样例' }),
    },
    'POST /open311/v2/requests.xml': { body: () => ({ api_key: 'o311_none', service_code: 'x', description: '样例' }) },
    'GET /open311/v2/requests/:service_request_id': {},
    'GET /open311/v2/tokens/:token': {},
  },
  /**
   * A key of the community. Only a system administrator issues keys through the API, so the fixture is written the
   * way the service writes one (by the worker, whose id stands in for the issuer).
   */
  async fixtures(worker, communityCode) {
    const ctx = (worker as unknown as { app: { ctx: AppContext } }).app.ctx;
    const session = (await worker.get('/api/auth/session')).json() as { user: { id: string } };
    const id = randomUUID();
    await insertKey(ctx.db, {
      id,
      areaCode: communityCode,
      name: '样例平台',
      keyPrefix: 'o311_fixture',
      keyHash: `fixture-${id}`,
      rateLimitPerMinute: 30,
      createdBy: session.user.id,
      createdAt: ctx.clock.now(),
    });
    return { open311_key: id };
  },
};
export default samples;
