/// <reference types="vite/client" />
import type { TestOrg } from './factories/org';
import { totpAt } from '../src/modules/auth/totp';
import type { TestClient } from './harness';
import { XLSX_MIME } from '@linli/contracts';
import { ledgerFile, makeIdNumber } from './factories/care';

export interface SampleIds {
  org: TestOrg;
  /** A user the caller may see and change. */
  userId: string;
  /** Today in China, by the app's clock. */
  today: string;
  /** Objects made by careFixtures() in the caller's community. */
  fixtures: Record<string, string>;
}

export interface RouteSample {
  /** Path parameter values; ids default from the route's idParams. */
  query?: string;
  body?: (ids: SampleIds) => unknown;
  /** Runs before the call (e.g. start TOTP setup) and may return the body instead. */
  prepare?: (client: TestClient, now: Date, path: string) => Promise<unknown>;
  /** Which fixture object to use for the id (default: the id kind); objects in the state the route needs. */
  fixture?: string;
  /**
   * The status the audit test expects when the route's generic caller is not the one the route serves (e.g. only
   * the requester downloads an approved export); the refusal must still be audited. Default 200.
   */
  auditStatus?: number;
  /** The role that calls the route in the audit test, when the route's permission does not decide it. */
  as?: 'system_admin';
  /** The state the audit test's target user needs (user routes). */
  target?: 'pending' | 'totp' | 'totp_reset_requested';
  /** A raw (non-JSON) body, e.g. an uploaded .xlsx file. */
  raw?: (ids: SampleIds) => Promise<{ body: Buffer; contentType: string }>;
}

/**
 * A valid request for every API route. The route-table tests fail when a route has no entry here, so each
 * new route must say how to call it — and then gets the scope and audit checks for free.
 */
export const ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/health': {},
  'GET /api/openapi.json': {},
  'GET /api/auth/config': {},
  'POST /api/auth/login': { body: () => ({ username: 'nobody', password: 'x' }) },
  'POST /api/auth/login/totp': { body: () => ({ challengeId: 'none', code: '123456' }) },
  'POST /api/auth/login/password': { body: () => ({ challengeId: 'none', newPassword: 'Whatever-1!' }) },
  'POST /api/auth/logout': {},
  'GET /api/auth/session': {},
  'GET /api/auth/current': {},
  'PUT /api/me/area': { body: () => ({ areaCode: null }) },
  'POST /api/me/password': { body: () => ({ currentPassword: 'Test-pass-2026!', newPassword: 'Changed-pass-2026!' }) },
  'POST /api/me/totp/setup': {},
  'POST /api/me/totp/confirm': {
    prepare: async (client, now) => {
      const res = await client.post('/api/me/totp/setup');
      const setup = res.json() as { secret: string };
      if (!setup.secret) throw new Error(`totp setup failed: ${res.body}`);
      return { code: totpAt(setup.secret, now) };
    },
  },
  'GET /api/me/sessions': {},
  'DELETE /api/me/sessions': {},
  'GET /api/areas/tree': {},
  'GET /api/areas/catalog': { query: 'parentCode=510107000000' },
  'POST /api/areas/import': { body: () => ({ code: '510107001004' }) },
  'GET /api/areas/:code': {},
  'GET /api/areas/:code/history': {},
  'POST /api/areas': { body: ({ org }) => ({ parentCode: org.communityA, name: '新网格' }) },
  'PATCH /api/areas/:code': { body: () => ({ name: '改名社区', version: 1 }) },
  'POST /api/areas/:code/merge': { body: ({ org }) => ({ intoCode: org.communityC, version: 1 }) },
  'GET /api/users': {},
  'GET /api/users/:id': {},
  'POST /api/users': {
    body: ({ org }) => ({
      username: `new-${Date.now()}`,
      displayName: '新同事',
      roles: ['community_worker'],
      areaCodes: [org.communityA],
    }),
  },
  'PATCH /api/users/:id': { body: () => ({ displayName: '改名' }) },
  'PUT /api/users/:id/roles': { body: () => ({ roles: ['grid_worker'] }) },
  'POST /api/users/:id/status': { as: 'system_admin', body: () => ({ enabled: false }) },
  'POST /api/users/:id/unlock': {},
  'POST /api/users/:id/reset-password': {},
  'POST /api/users/:id/activate': { target: 'pending' },
  'POST /api/users/:id/totp-reset': { target: 'totp' },
  'POST /api/users/:id/totp-reset/confirm': { target: 'totp_reset_requested' },
  'DELETE /api/users/:id/sessions': {},
  'GET /api/care/clients': { query: 'q=zsf' },
  'POST /api/care/clients': {
    body: ({ org }) => ({
      name: '样例对象',
      idNumber: makeIdNumber('1944-01-01'),
      communityCode: org.communityA,
      categories: ['dibao'],
      confirmDuplicates: true,
    }),
  },
  'POST /api/care/clients/duplicates': {
    body: ({ org }) => ({ name: '样例对象', birthDate: '1944-01-01', communityCode: org.communityA }),
  },
  'GET /api/care/clients/:id': {},
  'GET /api/care/clients/:id/timeline': {},
  'POST /api/care/clients/:id/reveal': { body: () => ({ field: 'idNumber', reason: '核对信息' }) },
  'POST /api/care/clients/:id/assessments': { body: () => ({ scores: { health: { score: 1 } }, tier: 'blue' }) },
  'GET /api/care/clients/:id/assessments/latest': {},
  'GET /api/care/tier-approvals': {},
  'POST /api/care/tier-approvals/:id': { body: () => ({ approve: true }) },
  'GET /api/care/worklist': {},
  'GET /api/care/home': {},
  'POST /api/care/visits/:id/record': { body: ({ today }) => ({ outcome: 'done', mode: 'home', visitedOn: today }) },
  'GET /api/care/overdue': {},
  'GET /api/care/escalations': {},
  'POST /api/care/ledger/import': {
    query: 'dryRun=true',
    raw: async ({ org }) => ({
      body: await ledgerFile([
        ['姓名', '身份证号', '所属社区'],
        ['样例', makeIdNumber('1950-01-01'), org.communityA],
      ]),
      contentType: XLSX_MIME,
    }),
  },
  'POST /api/care/ledger/import/errors': {
    raw: async ({ org }) => ({
      body: await ledgerFile([
        ['姓名', '身份证号', '所属社区'],
        ['样例', makeIdNumber('1950-01-01'), org.communityA],
      ]),
      contentType: XLSX_MIME,
    }),
  },
  'GET /api/care/ledger/template': {},
  'GET /api/care/ledger/export': { query: 'tier=red' },
  'POST /api/care/exports': {
    body: ({ org }) => ({ filter: { communityCode: org.communityA }, reason: '年度低保复核需要完整名单' }),
  },
  'GET /api/care/exports': {},
  'POST /api/care/exports/:id/decision': { fixture: 'export_pending', body: () => ({ approve: true }) },
  'GET /api/care/exports/:id/download': { fixture: 'export_approved', auditStatus: 403 },
  'PATCH /api/care/clients/:id': {
    body: () => ({ version: 1, address: '新地址 1 号' }),
    prepare: async (client, _now, path) => ({ version: await currentVersion(client, path), address: '新地址 1 号' }),
  },
  'POST /api/care/clients/:id/status': {
    body: () => ({ version: 1, status: 'moved_out', reason: '搬去子女家' }),
    prepare: async (client, _now, path) => ({
      version: await currentVersion(client, path.replace(/\/status$/, '')),
      status: 'moved_out',
      reason: '搬去子女家',
    }),
  },
  'POST /api/care/caseload/reassign': { body: ({ org, userId }) => ({ gridCode: org.gridsA[1], toUserId: userId }) },
  'GET /api/care/policies/:code': {},
  'POST /api/care/clients/:id/merge': {
    fixture: 'merge_source',
    body: ({ fixtures }) => ({ intoId: fixtures.merge_target, reason: '同一人重复录入' }),
  },
  'POST /api/care/merges/:id/undo': {},
  'POST /api/care/households': {
    body: ({ org }) => ({ communityCode: org.communityA, address: '洗面桥街 1 号 2 单元 302' }),
  },
  'GET /api/care/households/:id': {},
  'GET /api/care/clients/:id/consents': {},
  'POST /api/care/clients/:id/consents': {
    body: () => ({ purpose: 'referral', basis: 'consent', grantedBy: 'self', noticeVersion: 'v1' }),
  },
  'POST /api/care/consents/:id/revoke': {},
  'GET /api/care/cases': {},
  'GET /api/care/case-approvals': {},
  'POST /api/care/clients/:id/cases': {
    body: () => ({ goals: [{ domain: 'health', goal: '按时服药' }], tasks: [{ goalIndex: 0, title: '每周提醒服药' }] }),
  },
  'GET /api/care/cases/:id': {},
  'PUT /api/care/cases/:id/plan': {
    fixture: 'case_active',
    body: () => ({ goals: [{ domain: 'income', goal: '申请低保' }], tasks: [] }),
  },
  'POST /api/care/cases/:id/plan-decision': { body: () => ({ approve: true }) },
  'POST /api/care/cases/:id/close': { fixture: 'case_active2', body: () => ({ reason: '目标达成' }) },
  'POST /api/care/cases/:id/closure-decision': { fixture: 'case_closure', body: () => ({ approve: true }) },
  'POST /api/care/cases/:id/reopen': { fixture: 'case_closed', body: () => ({ reason: '情况反复' }) },
  'GET /api/care/referrals': {},
  'POST /api/care/clients/:id/referrals': {
    // To an organisation of the register when the fixtures have one (the scope tests swap it for another district's).
    body: ({ fixtures }) =>
      fixtures.partner_organisation
        ? { organisationId: fixtures.partner_organisation, service: '心理疏导' }
        : { providerName: '心连心社工服务中心', providerType: 'social_org', service: '心理疏导' },
  },
  'POST /api/care/referrals/:id/respond': { body: () => ({ version: 1, accepted: true }) },
  'POST /api/care/referrals/:id/report': {
    fixture: 'referral_accepted',
    body: () => ({ version: 2, report: '已完成' }),
  },
  'POST /api/care/referrals/:id/withdraw': {
    fixture: 'referral_sent2',
    body: () => ({ version: 1, reason: '家属拒绝' }),
  },
  'PUT /api/care/policies/:code': {
    body: () => ({
      rules: {
        cadenceDays: { red: 7, yellow: 30, blue: 180 },
        reassessMonths: { red: 3, yellow: 6, blue: 12 },
        redIfAnyAtLeast: 3,
        yellowIfCountAtLeast2: 2,
      },
    }),
  },
  'GET /api/audit': {},
  'GET /api/audit/verify': {},
};

/**
 * What a domain module adds to the route-table tests, in `src/modules/<name>/<name>.samples.ts` (written by
 * `npm run new-module`): a sample per route, and objects of its id kinds in a community (for the scope test).
 */
export interface ModuleSamples {
  samples: Record<string, RouteSample>;
  fixtures(worker: TestClient, communityCode: string): Promise<Record<string, string>>;
}

const moduleSamples = Object.values(
  import.meta.glob<ModuleSamples>('../src/modules/*/*.samples.ts', { eager: true, import: 'default' }),
);
Object.assign(ROUTE_SAMPLES, ...moduleSamples.map((m) => m.samples));

/** Objects of every module's own id kinds in a community, made by `worker` (a community worker there). */
export async function moduleFixtures(worker: TestClient, communityCode: string): Promise<Record<string, string>> {
  const all: Record<string, string> = {};
  for (const m of moduleSamples) Object.assign(all, await m.fixtures(worker, communityCode));
  return all;
}

/** Edits carry the version they started from; samples read it first so they never conflict. */
async function currentVersion(client: TestClient, clientPath: string): Promise<number> {
  return ((await client.get(clientPath)).json() as { version?: number }).version ?? 1;
}

export function routeKey(method: string, url: string): string {
  return `${method} ${url}`;
}
