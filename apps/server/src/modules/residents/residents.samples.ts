import type { FastifyInstance } from 'fastify';
import { createUser } from '../../../test/factories/org';
import { TestClient } from '../../../test/harness';
import type { ModuleSamples } from '../../../test/route-samples';

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/m/communities': {},
    'POST /api/m/codes': { body: () => ({ phone: '13900000000', purpose: 'signup' }) },
    'POST /api/m/signup': {
      body: ({ org }) => ({
        phone: '13900000000',
        code: '123456',
        displayName: '样例居民',
        password: 'Resident-pass-2026!',
        communityCode: org.communityA,
        consentVersion: 'x',
      }),
    },
    'POST /api/m/login': { body: () => ({ phone: '13900000000', password: 'x' }) },
    'POST /api/m/password-reset': {
      body: () => ({ phone: '13900000000', code: '123456', newPassword: 'Resident-pass-2026!' }),
    },
    'GET /api/m/me': {},
    'PUT /api/m/me/preferences': { body: () => ({ elderMode: true }) },
    'POST /api/m/me/link-request': {},
    'GET /api/m/notices': {},
    'GET /api/m/notices/:id': {},
    'GET /api/residents/link-requests': {},
    'POST /api/residents/link-requests/:id/confirm': { body: ({ fixtures }) => ({ clientId: fixtures.client }) },
    'POST /api/residents/link-requests/:id/reject': { fixture: 'resident_link2', body: () => ({ reason: '非本人' }) },
    'GET /api/notices': {},
    'POST /api/notices': { body: ({ org }) => ({ areaCode: org.communityA, title: '样例公告', body: '正文' }) },
    'GET /api/notices/:id': {},
    'PUT /api/notices/:id': { body: () => ({ title: '改后的公告', body: '新正文' }) },
    'POST /api/notices/:id/publish': {},
    'POST /api/notices/:id/unpublish': {},
  },
  /** A notice and two pending link requests in the community (made by a worker there and two residents of it). */
  async fixtures(worker, communityCode) {
    const res = await worker.post('/api/notices', { areaCode: communityCode, title: '测试公告', body: '正文' });
    if (res.statusCode !== 200) throw new Error(`residents fixtures: ${res.body}`);
    const notice = (res.json() as { id: string }).id;
    return { notice, ...(await linkFixtures(worker, communityCode)) };
  },
};
export default samples;

/** Two residents of the community ask to be linked; their requests are the fixtures (pending). */
async function linkFixtures(worker: TestClient, communityCode: string) {
  // The samples get only the worker's client: its app (a test-only reach into the harness) makes the residents.
  const app = (worker as unknown as { app: FastifyInstance }).app;
  const ids: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const resident = await createUser(app.ctx, { roles: ['resident'], areas: [communityCode] });
    const client = new TestClient(app);
    await client.login(resident.username, resident.password);
    const pending = async () => {
      const res = await worker.get('/api/residents/link-requests?status=pending&pageSize=100');
      return { body: res.body, ids: ((res.json() as { items?: { id: string }[] }).items ?? []).map((r) => r.id) };
    };
    const before = new Set((await pending()).ids);
    const asked = await client.post('/api/m/me/link-request');
    if (asked.statusCode !== 200) throw new Error(`residents link fixture: ${asked.body}`);
    const list = await pending();
    const mine = list.ids.find((id) => !before.has(id));
    if (!mine) throw new Error(`residents link fixture: the worker does not see the request: ${list.body}`);
    ids.push(mine);
  }
  return { resident_link: ids[0]!, resident_link2: ids[1]! };
}
