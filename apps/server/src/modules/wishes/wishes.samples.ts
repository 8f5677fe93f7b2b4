import { smallJpeg } from '../../../test/factories/photos';
import type { ModuleSamples } from '../../../test/route-samples';

const posted = (areaCode: string) => ({
  areaCode,
  title: '一副老花镜',
  publicText: '看报纸看不清，想要一副老花镜。',
  estimatedValue: 60,
  beneficiaryName: '张三',
  beneficiaryPhone: '13900001111',
  consent: true,
});

/**
 * Samples of this module's routes for the route-table tests. The fixture wish is posted on a client's behalf and
 * published by a worker of the community, so the staff routes, the wall's claim and the audit test find it; the
 * claimant's routes (fulfil, release) and the resident's own routes answer 404/409 to the generic caller, and their
 * real answers are tested in wishes.test.ts.
 */
const samples: ModuleSamples = {
  samples: {
    'GET /api/wishes': {},
    'POST /api/wishes': { body: ({ org }) => posted(org.communityA) },
    'GET /api/wishes/partners/:id/counts': {},
    'GET /api/wishes/:id': {},
    'POST /api/wishes/:id/publish': { body: () => ({}) },
    'POST /api/wishes/:id/reject': { body: () => ({ reason: '重复提交' }) },
    'POST /api/wishes/:id/confirm': { body: () => ({ thanks: '谢谢！' }) },
    'POST /api/wishes/:id/thanks': { body: () => ({ approve: true }) },
    'GET /api/wishes/wall': {},
    'GET /api/wishes/claims': {},
    'POST /api/wishes/:id/claim': { body: ({ fixtures }) => ({ organisationId: fixtures.organisation }) },
    'POST /api/wishes/:id/fulfil': { body: () => ({ note: '已送到', photoUploadIds: [crypto.randomUUID()] }) },
    'POST /api/wishes/:id/release': {},
    'GET /api/wishes/:id/photo': { query: 'n=0' },
    'POST /api/wishes/:id/photos': { raw: async () => ({ body: await smallJpeg(), contentType: 'image/jpeg' }) },
    'GET /api/m/wishes': {},
    'POST /api/m/wishes': {
      body: () => ({ title: '上门理发', publicText: '希望每月有人上门理一次发。', estimatedValue: 50 }),
    },
    'POST /api/m/wishes/:id/withdraw': {},
    'POST /api/m/wishes/:id/confirm': { body: () => ({}) },
  },
  /** A published wish of the community, posted by a worker there for a client who agreed. */
  async fixtures(worker, communityCode) {
    const res = await worker.post('/api/wishes', posted(communityCode));
    if (res.statusCode !== 200) throw new Error(`wishes fixtures: ${res.body}`);
    const id = (res.json() as { id: string }).id;
    const published = await worker.post(`/api/wishes/${id}/publish`, {});
    if (published.statusCode !== 200) throw new Error(`wishes fixtures (publish): ${published.body}`);
    return { wish: id };
  },
};
export default samples;
