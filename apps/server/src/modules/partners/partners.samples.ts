import { randomInt } from 'node:crypto';
import type { ModuleSamples } from '../../../test/route-samples';
import type { TestClient } from '../../../test/harness';

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, what: string): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`partners fixtures (${what}): ${res.body}`);
  return res.json() as T;
}

/** A partner of the register held by the community (an individual expert: no USCC needed), made by a worker there. */
async function organisation(worker: TestClient, areaCode: string): Promise<string> {
  const body = { areaCode, kind: 'expert', name: `样例专家${randomInt(0, 1e6)}`, expertField: '心理咨询' };
  return (await ok<{ id: string }>(await worker.post('/api/organisations', body), 'organisation')).id;
}

/**
 * Samples of this module's routes for the route-table tests. The partner inbox's routes are called there by a partner
 * member the test makes without an organisation (createUser): it gets 404, audited — the inbox's own answers are
 * tested in test/partners.test.ts.
 */
const samples: ModuleSamples = {
  samples: {
    'GET /api/partners/accounts': {},
    'POST /api/partners/accounts': {
      body: ({ fixtures }) => ({
        organisationId: fixtures.partner_organisation,
        username: `partner-${randomInt(0, 1e9)}`,
        displayName: '合作单位联络员',
      }),
    },
    'POST /api/partners/accounts/:id/status': { body: () => ({ enabled: false }) },
    'POST /api/partners/accounts/:id/reset-password': { fixture: 'partner_account2' },
    'GET /api/partner/organisation': {},
    'GET /api/partner/referrals': { auditStatus: 404 },
    'GET /api/partner/referrals/:id': { auditStatus: 404 },
    'POST /api/partner/referrals/:id/accept': { auditStatus: 404, body: () => ({ version: 1 }) },
    'POST /api/partner/referrals/:id/decline': { auditStatus: 404, body: () => ({ version: 1, reason: '人手不足' }) },
    'POST /api/partner/referrals/:id/report': { auditStatus: 404, body: () => ({ version: 2, report: '已上门服务' }) },
  },
  /** An organisation of the community and two accounts of it (one for the status sample, one for the reset). */
  async fixtures(worker, communityCode) {
    const organisationId = await organisation(worker, communityCode);
    const account = async () => {
      const body = { organisationId, username: `partner-${randomInt(0, 1e9)}`, displayName: '样例联络员' };
      const made = await ok<{ account: { id: string } }>(await worker.post('/api/partners/accounts', body), 'account');
      return made.account.id;
    };
    return {
      partner_organisation: organisationId,
      partner_account: await account(),
      partner_account2: await account(),
    };
  },
};
export default samples;
