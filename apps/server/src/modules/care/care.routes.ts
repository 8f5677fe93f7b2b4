import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssessmentInput, AssessmentResult, EscalationList, ClientDetail, ClientInput, ClientList, ClientListQuery, DuplicateWarnings, Id, Ok,
  OverdueQueue, RecordVisitInput, RecordVisitResult, RevealInput, RevealResult, TierApprovalList, TierDecisionInput, Worklist,
  WorklistQuery,
} from '@linli/contracts';
import type { ClientsService } from './clients.service';
import type { TiersService } from './tiers.service';
import type { VisitsService } from './visits.service';

const IdParams = z.object({ id: Id });
const tags = ['care'];

export function careRoutes(clients: ClientsService, tiers: TiersService, visits: VisitsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/care/clients', {
      schema: { tags, querystring: ClientListQuery, response: { 200: ClientList } },
      config: { permission: 'care.client.read', personalData: true },
    }, (req) => clients.list(req.actor!, req.query));

    app.post('/api/care/clients', {
      schema: { tags, body: ClientInput, response: { 200: ClientDetail } },
      config: { permission: 'care.client.write', personalData: true },
    }, (req) => clients.create(req.actor!, req.body));

    app.post('/api/care/clients/duplicates', {
      schema: { tags, body: ClientInput.pick({ name: true, idNumber: true, phone: true, birthDate: true, communityCode: true }), response: { 200: DuplicateWarnings } },
      config: { permission: 'care.client.write', personalData: true },
    }, (req) => clients.duplicates(req.actor!, req.body));

    app.get('/api/care/clients/:id', {
      schema: { tags, params: IdParams, response: { 200: ClientDetail } },
      config: { permission: 'care.client.read', personalData: true, idParams: { id: 'client' } },
    }, (req) => clients.detail(req.actor!, req.params.id));

    app.post('/api/care/clients/:id/reveal', {
      schema: { tags, params: IdParams, body: RevealInput, response: { 200: RevealResult } },
      config: { permission: 'care.client.reveal', personalData: true, idParams: { id: 'client' } },
    }, (req) => clients.reveal(req.actor!, req.params.id, req.body.field, req.body.reason));

    app.post('/api/care/clients/:id/assessments', {
      schema: { tags, params: IdParams, body: AssessmentInput, response: { 200: AssessmentResult } },
      config: { permission: 'care.assessment.write', personalData: true, idParams: { id: 'client' } },
    }, (req) => tiers.assess(req.actor!, req.params.id, req.body));

    app.get('/api/care/tier-approvals', {
      schema: { tags, response: { 200: TierApprovalList } },
      config: { permission: 'care.tier.approve', personalData: true },
    }, (req) => tiers.pending(req.actor!));

    app.post('/api/care/tier-approvals/:id', {
      schema: { tags, params: IdParams, body: TierDecisionInput, response: { 200: Ok } },
      config: { permission: 'care.tier.approve', personalData: true, idParams: { id: 'tier_change' } },
    }, (req) => tiers.decide(req.actor!, req.params.id, req.body.approve, req.body.note));

    app.get('/api/care/worklist', {
      schema: { tags, querystring: WorklistQuery, response: { 200: Worklist } },
      config: { permission: 'care.visit.read', personalData: true },
    }, (req) => visits.worklist(req.actor!, req.query.scope));

    app.post('/api/care/visits/:id/record', {
      schema: { tags, params: IdParams, body: RecordVisitInput, response: { 200: RecordVisitResult } },
      config: { permission: 'care.visit.write', personalData: true, idParams: { id: 'visit' } },
    }, (req) => visits.record(req.actor!, req.params.id, req.body));

    app.get('/api/care/escalations', {
      schema: { tags, response: { 200: EscalationList } },
      config: { permission: 'care.supervision.read', personalData: true },
    }, (req) => visits.escalations(req.actor!));

    app.get('/api/care/overdue', {
      schema: { tags, response: { 200: OverdueQueue } },
      config: { permission: 'care.supervision.read', personalData: true },
    }, (req) => visits.overdueQueue(req.actor!));
  };
}
