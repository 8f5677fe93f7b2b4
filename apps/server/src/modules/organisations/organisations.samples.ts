import { randomInt } from 'node:crypto';
import { XLSX_MIME, usccCheckCharacter } from '@linli/contracts';
import type { ModuleSamples } from '../../../test/route-samples';
import { ledgerFile } from '../../../test/factories/care';
import type { TestClient } from '../../../test/harness';

/** A fresh valid 统一社会信用代码 of a 社会服务机构 registered in the test district (52 = 民政, 社会服务机构). */
export function sampleUscc(prefix = '52510107'): string {
  const body = `${prefix}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  return body + usccCheckCharacter(body)!;
}

const fields = () => ({
  kind: 'social_organisation',
  subtype: 'social_service_agency',
  name: `样例社工服务中心${randomInt(0, 1e6)}`,
  uscc: sampleUscc(),
  serviceFields: ['elderly'],
  contacts: [{ name: '王联络', phone: '13900001111' }],
});
const partner = (areaCode: string) => ({ areaCode, ...fields() });

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, what: string): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`organisations fixtures (${what}): ${res.body}`);
  return res.json() as T;
}

async function currentVersion(client: TestClient, path: string): Promise<number> {
  return ((await client.get(path)).json() as { version?: number }).version ?? 1;
}

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/organisations': { query: 'q=yl&kind=social_organisation' },
    'POST /api/organisations': { body: ({ org }) => partner(org.communityA) },
    'GET /api/organisations/:id': {},
    'PUT /api/organisations/:id': {
      body: () => ({ ...fields(), version: 1 }),
      prepare: async (client, _now, path) => ({ ...fields(), version: await currentVersion(client, path) }),
    },
    'POST /api/organisations/:id/status': {
      body: () => ({ status: 'disabled', version: 1 }),
      prepare: async (client, _now, path) => ({
        status: 'disabled',
        version: await currentVersion(client, path.replace(/\/status$/, '')),
      }),
    },
    'POST /api/organisations/:id/contacts/reveal': {},
    'GET /api/organisations/export': {},
    'POST /api/organisations/import': {
      query: 'dryRun=true',
      raw: async ({ org }) => ({
        body: await ledgerFile([
          ['名称', '类别', '子类别', '统一社会信用代码', '所属社区'],
          ['样例学校', '共建单位', '学校', sampleUscc('12510107'), org.communityA],
        ]),
        contentType: XLSX_MIME,
      }),
    },
    'POST /api/organisations/import/errors': {
      raw: async ({ org }) => ({
        body: await ledgerFile([
          ['名称', '类别', '统一社会信用代码', '所属社区'],
          ['样例商户', '商户', '91350100M000100Y44', org.communityA],
        ]),
        contentType: XLSX_MIME,
      }),
    },
    'GET /api/organisations/alliances': {},
    'POST /api/organisations/alliances': {
      body: ({ org }) => ({ areaCode: org.communityA, name: '样例党建联盟', type: 'party_building' }),
    },
    'GET /api/organisations/alliances/:id': {},
    'POST /api/organisations/alliances/:id/members': {
      body: ({ fixtures }) => ({ organisationId: fixtures.organisation_extra, joinedOn: '2026-01-05' }),
    },
    'POST /api/organisations/alliances/:id/chairs': {
      body: ({ fixtures }) => ({ organisationId: fixtures.organisation, fromOn: '2031-01-01', toOn: '2031-12-31' }),
    },
    'POST /api/organisations/alliances/:id/commitments': {
      body: ({ fixtures }) => ({
        organisationId: fixtures.organisation,
        text: '每月开展一次义诊',
        dueOn: '2026-12-31',
      }),
    },
    'POST /api/organisations/alliance-commitments/:id/status': { body: () => ({ status: 'in_progress' }) },
    'POST /api/organisations/alliance-members/:id/pact': {
      raw: async () => ({ body: Buffer.from('%PDF-1.4\n% sample pact\n%%EOF\n'), contentType: 'application/pdf' }),
    },
    'GET /api/organisations/alliance-members/:id/pact': {},
  },
  /** One object of each of this module's id kinds in the community, made by a worker there. */
  async fixtures(worker, communityCode) {
    const org = await ok<{ id: string }>(await worker.post('/api/organisations', partner(communityCode)), 'partner');
    const extra = await ok<{ id: string }>(await worker.post('/api/organisations', partner(communityCode)), 'partner');
    const body = { areaCode: communityCode, name: '测试联盟', type: 'social_governance' };
    const alliance = await ok<{ id: string }>(await worker.post('/api/organisations/alliances', body), 'alliance');
    const path = `/api/organisations/alliances/${alliance.id}`;
    const joined = await ok<{ members: { id: string }[] }>(
      await worker.post(`${path}/members`, { organisationId: org.id, joinedOn: '2026-01-05' }),
      'member',
    );
    const member = joined.members[0]!.id;
    const pledged = await ok<{ commitments: { id: string }[] }>(
      await worker.post(`${path}/commitments`, { organisationId: org.id, text: '结对帮扶' }),
      'commitment',
    );
    return {
      organisation: org.id,
      organisation_extra: extra.id,
      alliance: alliance.id,
      alliance_member: member,
      alliance_commitment: pledged.commitments[0]!.id,
    };
  },
};
export default samples;
