import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AreaCode, CaseloadReassignInput, ClientMerge, ClientMergeInput, Household, HouseholdInput, CaseloadReassignResult, ClientDetail, ClientStatusInput, ClientUpdateInput, Id, TierPolicy,
  TierPolicyInput, TierPolicyUpdateResult,
} from '@linli/contracts';
import type { CaseloadService } from './caseload.service';
import type { PoliciesService } from './policies.service';
import type { HouseholdsService } from './households.service';
import type { MergesService } from './merges.service';

const tags = ['care'];
const IdParams = z.object({ id: Id });
const CodeParams = z.object({ code: AreaCode });

export function caseloadRoutes(caseload: CaseloadService, policies: PoliciesService, households: HouseholdsService, merges: MergesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.patch('/api/care/clients/:id', {
      schema: { tags, params: IdParams, body: ClientUpdateInput, response: { 200: ClientDetail } },
      config: { permission: 'care.client.write', personalData: true, idParams: { id: 'client' } },
    }, (req) => caseload.update(req.actor!, req.params.id, req.body));

    app.post('/api/care/clients/:id/status', {
      schema: { tags, params: IdParams, body: ClientStatusInput, response: { 200: ClientDetail } },
      config: { permission: 'care.client.write', personalData: true, idParams: { id: 'client' } },
    }, (req) => caseload.setStatus(req.actor!, req.params.id, req.body));

    app.post('/api/care/clients/:id/merge', {
      schema: { tags, params: IdParams, body: ClientMergeInput, response: { 200: ClientMerge } },
      config: { permission: 'care.client.write', personalData: true, idParams: { id: 'client' } },
    }, (req) => merges.merge(req.actor!, req.params.id, req.body.intoId, req.body.reason));

    app.post('/api/care/merges/:id/undo', {
      schema: { tags, params: IdParams, response: { 200: ClientMerge } },
      config: { permission: 'care.client.write', personalData: true, idParams: { id: 'client_merge' } },
    }, (req) => merges.undo(req.actor!, req.params.id));

    app.post('/api/care/caseload/reassign', {
      schema: { tags, body: CaseloadReassignInput, response: { 200: CaseloadReassignResult } },
      config: { permission: 'care.caseload.manage', personalData: true },
    }, (req) => caseload.reassign(req.actor!, req.body));

    app.post('/api/care/households', {
      schema: { tags, body: HouseholdInput, response: { 200: Household } },
      config: { permission: 'care.client.write', personalData: true },
    }, (req) => households.create(req.actor!, req.body));

    app.get('/api/care/households/:id', {
      schema: { tags, params: IdParams, response: { 200: Household } },
      config: { permission: 'care.client.read', personalData: true, idParams: { id: 'household' } },
    }, (req) => households.detail(req.actor!, req.params.id));

    app.get('/api/care/policies/:code', {
      schema: { tags, params: CodeParams, response: { 200: TierPolicy } },
      config: { permission: 'care.client.read', idParams: { code: 'area' } },
    }, (req) => policies.get(req.actor!, req.params.code));

    app.put('/api/care/policies/:code', {
      schema: { tags, params: CodeParams, body: TierPolicyInput, response: { 200: TierPolicyUpdateResult } },
      config: { permission: 'care.policy.manage', idParams: { code: 'area' } },
    }, (req) => policies.set(req.actor!, req.params.code, req.body.rules));
  };
}
