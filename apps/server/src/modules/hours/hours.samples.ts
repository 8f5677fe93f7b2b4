import type { FastifyInstance } from 'fastify';
import { createUser } from '../../../test/factories/org';
import { TestClient } from '../../../test/harness';
import type { ModuleSamples } from '../../../test/route-samples';
import { creditForTest, makeHoursVolunteer } from './hours.test-kit';

const claim = {
  serviceDate: '2026-02-01',
  minutes: 60,
  content: '为独居老人代购药品',
  place: '3 栋',
  organiserName: '居委会',
  activityType: 'elderly',
};

/**
 * Samples of this module's routes for the route-table tests. The fixtures are an entry credited to a confirmed
 * volunteer of the community, a pending self-reported claim, and a certificate; the volunteer's own routes
 * (/api/m/hours…) answer the generic caller 403/404/409, their real answers are in hours.test.ts.
 */
const samples: ModuleSamples = {
  samples: {
    'GET /api/hours/entries': {},
    'GET /api/hours/entries/:id': {},
    // An entry of its own, so the certificate routes below still find hours to certify.
    'POST /api/hours/entries/:id/reverse': { body: () => ({ reason: '录入有误' }), fixture: 'hour_entry_to_reverse' },
    'GET /api/hours/claims': {},
    'POST /api/hours/claims/:id/approve': { body: () => ({ note: '已核实' }) },
    // A claim of its own: the one above is approved by then.
    'POST /api/hours/claims/:id/decline': { body: () => ({ note: '时长不符' }), fixture: 'hour_claim_to_decline' },
    'GET /api/hours/volunteers/:id': {},
    'GET /api/hours/star-rule': {},
    'PUT /api/hours/star-rule': {
      body: ({ org }) => ({ areaCode: org.district, preset: 'beijing', thresholds: [100, 200, 500, 800, 1000] }),
    },
    'GET /api/hours/issuer': {},
    'PUT /api/hours/issuer': {
      body: ({ org }) => ({
        areaCode: org.communityA,
        personInCharge: '王主任',
        handlerName: '刘干事',
        contactPhone: '010-12345678',
      }),
    },
    // This module's volunteer (the one with hours), not the volunteers module's fixture.
    'POST /api/hours/volunteers/:id/certificates': {
      body: ({ org }) => ({ areaCode: org.communityA }),
      fixture: 'hours_volunteer',
    },
    'GET /api/hours/certificates': {},
    'GET /api/hours/certificates/:id/pdf': {},
    'POST /api/hours/certificates/:id/revoke': { body: () => ({ reason: '出具有误' }) },
    'GET /api/hours/export/national.csv': {},
    'GET /api/hours/export/statement.xlsx': { query: 'by=volunteer' },
    // The national CSV with full ID numbers, by approval: a pending request to decide, an approved one that only its
    // requester (the fixtures' worker) may download — the generic caller is refused, and the refusal is audited.
    'POST /api/hours/export/id-requests': {
      body: ({ org }) => ({ areaCode: org.communityA, reason: '上传全国志愿服务信息系统' }),
    },
    'GET /api/hours/export/id-requests': {},
    'POST /api/hours/export/id-requests/:id/decision': { body: () => ({ approve: true }) },
    'GET /api/hours/export/id-requests/:id/national.csv': { fixture: 'hour_export_approved', auditStatus: 403 },
    'GET /api/m/hours': {},
    'POST /api/m/hours/claims': { body: () => claim },
    'POST /api/m/hours/certificates': { body: ({ org }) => ({ areaCode: org.communityA }) },
    'GET /api/m/hours/certificates/:id/pdf': {},
    'GET /api/public/certificates/:code': {},
  },
  /**
   * An entry, a pending claim and a certificate of a confirmed volunteer of the community; a pending and an approved
   * request of the worker for the national CSV with full ID numbers.
   */
  async fixtures(worker, communityCode) {
    const app = (worker as unknown as { app: FastifyInstance }).app;
    const v = await makeHoursVolunteer(app, communityCode, worker);
    const supervisor = await createUser(app.ctx, { roles: ['community_supervisor'], areas: [communityCode] });
    const { entryId } = await creditForTest(app, {
      volunteerId: v.id,
      areaCode: communityCode,
      minutes: 120,
      confirmedBy: supervisor.id,
    });
    const toReverse = await creditForTest(app, {
      volunteerId: v.id,
      areaCode: communityCode,
      minutes: 30,
      confirmedBy: supervisor.id,
    });
    const filed = await v.client.post('/api/m/hours/claims', claim);
    if (filed.statusCode !== 200) throw new Error(`hours fixtures (claim): ${filed.body}`);
    const second = await v.client.post('/api/m/hours/claims', { ...claim, serviceDate: '2026-02-02' });
    if (second.statusCode !== 200) throw new Error(`hours fixtures (claim): ${second.body}`);
    const boss = new TestClient(app);
    await boss.login(supervisor.username, supervisor.password);
    const set = await boss.put('/api/hours/issuer', {
      areaCode: communityCode,
      personInCharge: '王主任',
      handlerName: '刘干事',
      contactPhone: '010-12345678',
    });
    if (set.statusCode !== 200) throw new Error(`hours fixtures (issuer): ${set.body}`);
    const cert = await v.client.post('/api/m/hours/certificates', { areaCode: communityCode });
    if (cert.statusCode !== 200) throw new Error(`hours fixtures (certificate): ${cert.body}`);
    const issued = cert.json() as { id: string; verificationCode: string };
    const idExport = async () => {
      const res = await worker.post('/api/hours/export/id-requests', {
        areaCode: communityCode,
        reason: '上传全国系统',
      });
      if (res.statusCode !== 200) throw new Error(`hours fixtures (id export): ${res.body}`);
      return (res.json() as { id: string }).id;
    };
    const pendingExport = await idExport();
    const approvedExport = await idExport();
    const approved = await boss.post(`/api/hours/export/id-requests/${approvedExport}/decision`, { approve: true });
    if (approved.statusCode !== 200) throw new Error(`hours fixtures (id export decision): ${approved.body}`);
    return {
      hour_entry: entryId,
      hours_volunteer: v.id,
      hour_entry_to_reverse: toReverse.entryId,
      hour_claim: (filed.json() as { id: string }).id,
      hour_claim_to_decline: (second.json() as { id: string }).id,
      hour_certificate: issued.id,
      hour_certificate_code: issued.verificationCode,
      hour_export: pendingExport,
      hour_export_approved: approvedExport,
    };
  },
};
export default samples;
