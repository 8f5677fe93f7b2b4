import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApprovalListQuery,
  AssessmentInput,
  AssessmentResult,
  Id,
  LatestAssessment,
  Ok,
  TierApprovalList,
  TierDecisionInput,
} from '@linli/contracts';
import type { TiersService } from './tiers.service';

const IdParams = z.object({ id: Id });
const tags = ['care'];

export function tierRoutes(tiers: TiersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/care/clients/:id/assessments',
      {
        schema: { tags, params: IdParams, body: AssessmentInput, response: { 200: AssessmentResult } },
        config: { permission: 'care.assessment.write', personalData: true, idParams: { id: 'client' } },
      },
      (req) => tiers.assess(req.actor!, req.params.id, req.body),
    );

    app.get(
      '/api/care/clients/:id/assessments/latest',
      {
        schema: { tags, params: IdParams, response: { 200: LatestAssessment } },
        config: { permission: 'care.assessment.write', personalData: true, idParams: { id: 'client' } },
      },
      (req) => tiers.latest(req.actor!, req.params.id),
    );

    app.get(
      '/api/care/tier-approvals',
      {
        schema: { tags, querystring: ApprovalListQuery, response: { 200: TierApprovalList } },
        config: { permission: 'care.tier.approve', personalData: true },
      },
      (req) => tiers.approvals(req.actor!, req.query.view),
    );

    app.post(
      '/api/care/tier-approvals/:id',
      {
        schema: { tags, params: IdParams, body: TierDecisionInput, response: { 200: Ok } },
        config: { permission: 'care.tier.approve', personalData: true, idParams: { id: 'tier_change' } },
      },
      (req) => tiers.decide(req.actor!, req.params.id, req.body.approve, req.body.note),
    );
  };
}
