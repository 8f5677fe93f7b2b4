import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApprovalListQuery,
  CaseApprovalList,
  CaseCloseInput,
  CaseDecisionInput,
  CaseDetail,
  CaseList,
  CasePlanInput,
  CaseStatus,
  Id,
} from '@linli/contracts';
import type { CasesService } from './cases.service';

const tags = ['care'];
const IdParams = z.object({ id: Id });
const client = { personalData: true, idParams: { id: 'client' as const } };
const kase = { personalData: true, idParams: { id: 'case' as const } };
type App = Parameters<FastifyPluginAsyncZod>[0];

export function caseRoutes(cases: CasesService): FastifyPluginAsyncZod {
  return async (app) => {
    planRoutes(app, cases);
    closureRoutes(app, cases);
  };
}

/** The list, opening a case with its plan, the detail, revising the plan and the supervisor's decision on it. */
function planRoutes(app: App, cases: CasesService): void {
  app.get(
    '/api/care/cases',
    {
      schema: { tags, querystring: z.object({ status: CaseStatus.optional() }), response: { 200: CaseList } },
      config: { permission: 'care.client.read', personalData: true },
    },
    (req) => cases.list(req.actor!, req.query.status),
  );
  app.get(
    '/api/care/case-approvals',
    {
      schema: { tags, querystring: ApprovalListQuery, response: { 200: CaseApprovalList } },
      config: { permission: 'care.case.approve', personalData: true },
    },
    async (req) => ({ items: await cases.approvals(req.actor!, req.query.view) }),
  );
  app.post(
    '/api/care/clients/:id/cases',
    {
      schema: { tags, params: IdParams, body: CasePlanInput, response: { 200: CaseDetail } },
      config: { permission: 'care.case.write', ...client },
    },
    (req) => cases.open(req.actor!, req.params.id, req.body),
  );
  app.get(
    '/api/care/cases/:id',
    {
      schema: { tags, params: IdParams, response: { 200: CaseDetail } },
      config: { permission: 'care.client.read', ...kase },
    },
    (req) => cases.detail(req.actor!, req.params.id),
  );
  app.put(
    '/api/care/cases/:id/plan',
    {
      schema: { tags, params: IdParams, body: CasePlanInput, response: { 200: CaseDetail } },
      config: { permission: 'care.case.write', ...kase },
    },
    (req) => cases.revisePlan(req.actor!, req.params.id, req.body),
  );
  app.post(
    '/api/care/cases/:id/plan-decision',
    {
      schema: { tags, params: IdParams, body: CaseDecisionInput, response: { 200: CaseDetail } },
      config: { permission: 'care.case.approve', ...kase },
    },
    (req) => cases.decidePlan(req.actor!, req.params.id, req.body.approve, req.body.note),
  );
}

/** Closing (asked for, then decided by the supervisor) and reopening. */
function closureRoutes(app: App, cases: CasesService): void {
  app.post(
    '/api/care/cases/:id/close',
    {
      schema: { tags, params: IdParams, body: CaseCloseInput, response: { 200: CaseDetail } },
      config: { permission: 'care.case.write', ...kase },
    },
    (req) => cases.requestClose(req.actor!, req.params.id, req.body.reason),
  );
  app.post(
    '/api/care/cases/:id/closure-decision',
    {
      schema: { tags, params: IdParams, body: CaseDecisionInput, response: { 200: CaseDetail } },
      config: { permission: 'care.case.approve', ...kase },
    },
    (req) => cases.decideClosure(req.actor!, req.params.id, req.body.approve, req.body.note),
  );
  app.post(
    '/api/care/cases/:id/reopen',
    {
      schema: { tags, params: IdParams, body: CaseCloseInput, response: { 200: CaseDetail } },
      config: { permission: 'care.case.write', ...kase },
    },
    (req) => cases.reopen(req.actor!, req.params.id, req.body.reason),
  );
}
