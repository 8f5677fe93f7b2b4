import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseCloseInput, CaseDecisionInput, CaseDetail, CaseList, CasePlanInput, CaseStatus, Consent, ConsentInput, ConsentList, Id, Referral,
  ReferralInput, ReferralList, ReferralListQuery, ReferralReportInput, ReferralResponseInput, ReferralWithdrawInput,
} from '@linli/contracts';
import type { CasesService } from './cases.service';
import type { ConsentsService } from './consents.service';
import type { ReferralsService } from './referrals.service';

const tags = ['care'];
const IdParams = z.object({ id: Id });
const client = { personalData: true, idParams: { id: 'client' as const } };
const kase = { personalData: true, idParams: { id: 'case' as const } };
const referral = { personalData: true, idParams: { id: 'referral' as const } };

export function casesRoutes(consents: ConsentsService, cases: CasesService, referrals: ReferralsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/care/clients/:id/consents', { schema: { tags, params: IdParams, response: { 200: ConsentList } }, config: { permission: 'care.client.read', ...client } },
      (req) => consents.list(req.actor!, req.params.id));
    app.post('/api/care/clients/:id/consents', { schema: { tags, params: IdParams, body: ConsentInput, response: { 200: Consent } }, config: { permission: 'care.client.write', ...client } },
      (req) => consents.record(req.actor!, req.params.id, req.body));
    app.post('/api/care/consents/:id/revoke', { schema: { tags, params: IdParams, response: { 200: Consent } }, config: { permission: 'care.client.write', personalData: true, idParams: { id: 'consent' } } },
      (req) => consents.revoke(req.actor!, req.params.id));

    app.get('/api/care/cases', { schema: { tags, querystring: z.object({ status: CaseStatus.optional() }), response: { 200: CaseList } }, config: { permission: 'care.client.read', personalData: true } },
      (req) => cases.list(req.actor!, req.query.status));
    app.post('/api/care/clients/:id/cases', { schema: { tags, params: IdParams, body: CasePlanInput, response: { 200: CaseDetail } }, config: { permission: 'care.case.write', ...client } },
      (req) => cases.open(req.actor!, req.params.id, req.body));
    app.get('/api/care/cases/:id', { schema: { tags, params: IdParams, response: { 200: CaseDetail } }, config: { permission: 'care.client.read', ...kase } },
      (req) => cases.detail(req.actor!, req.params.id));
    app.put('/api/care/cases/:id/plan', { schema: { tags, params: IdParams, body: CasePlanInput, response: { 200: CaseDetail } }, config: { permission: 'care.case.write', ...kase } },
      (req) => cases.revisePlan(req.actor!, req.params.id, req.body));
    app.post('/api/care/cases/:id/plan-decision', { schema: { tags, params: IdParams, body: CaseDecisionInput, response: { 200: CaseDetail } }, config: { permission: 'care.case.approve', ...kase } },
      (req) => cases.decidePlan(req.actor!, req.params.id, req.body.approve, req.body.note));
    app.post('/api/care/cases/:id/close', { schema: { tags, params: IdParams, body: CaseCloseInput, response: { 200: CaseDetail } }, config: { permission: 'care.case.write', ...kase } },
      (req) => cases.requestClose(req.actor!, req.params.id, req.body.reason));
    app.post('/api/care/cases/:id/closure-decision', { schema: { tags, params: IdParams, body: CaseDecisionInput, response: { 200: CaseDetail } }, config: { permission: 'care.case.approve', ...kase } },
      (req) => cases.decideClosure(req.actor!, req.params.id, req.body.approve, req.body.note));
    app.post('/api/care/cases/:id/reopen', { schema: { tags, params: IdParams, body: CaseCloseInput, response: { 200: CaseDetail } }, config: { permission: 'care.case.write', ...kase } },
      (req) => cases.reopen(req.actor!, req.params.id, req.body.reason));

    app.get('/api/care/referrals', { schema: { tags, querystring: ReferralListQuery, response: { 200: ReferralList } }, config: { permission: 'care.client.read', personalData: true } },
      (req) => referrals.list(req.actor!, req.query));
    app.post('/api/care/clients/:id/referrals', { schema: { tags, params: IdParams, body: ReferralInput, response: { 200: Referral } }, config: { permission: 'care.case.write', ...client } },
      (req) => referrals.send(req.actor!, req.params.id, req.body));
    app.post('/api/care/referrals/:id/respond', { schema: { tags, params: IdParams, body: ReferralResponseInput, response: { 200: Referral } }, config: { permission: 'care.case.write', ...referral } },
      (req) => referrals.respond(req.actor!, req.params.id, req.body));
    app.post('/api/care/referrals/:id/report', { schema: { tags, params: IdParams, body: ReferralReportInput, response: { 200: Referral } }, config: { permission: 'care.case.write', ...referral } },
      (req) => referrals.report(req.actor!, req.params.id, req.body));
    app.post('/api/care/referrals/:id/withdraw', { schema: { tags, params: IdParams, body: ReferralWithdrawInput, response: { 200: Referral } }, config: { permission: 'care.case.write', ...referral } },
      (req) => referrals.withdraw(req.actor!, req.params.id, req.body));
  };
}
