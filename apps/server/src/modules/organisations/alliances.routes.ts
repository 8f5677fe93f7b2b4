import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  AllianceChairInput,
  AllianceDetail,
  AllianceInput,
  AllianceList,
  AllianceMemberInput,
  CommitmentInput,
  CommitmentStatusInput,
} from '@linli/contracts/modules/organisations';
import type { AlliancesService } from './alliances.service';

const tags = ['organisations'];
const byId = { params: z.object({ id: Id }) };
const idParams = { id: 'alliance' } as const;
const detail = { 200: AllianceDetail };

/** 区域党建联盟 / 社治联盟: list, create, detail; members, rotating chair, commitments and their status. */
export function allianceRoutes(service: AlliancesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/organisations/alliances',
      { schema: { tags, response: { 200: AllianceList } }, config: { permission: 'organisations.read' } },
      (req) => service.list(req.actor!),
    );
    app.post(
      '/api/organisations/alliances',
      { schema: { tags, body: AllianceInput, response: detail }, config: { permission: 'organisations.write' } },
      (req) => service.create(req.actor!, req.body),
    );
    app.get(
      '/api/organisations/alliances/:id',
      { schema: { tags, ...byId, response: detail }, config: { permission: 'organisations.read', idParams } },
      (req) => service.detail(req.actor!, req.params.id),
    );
    app.post(
      '/api/organisations/alliances/:id/members',
      {
        schema: { tags, ...byId, body: AllianceMemberInput, response: detail },
        config: { permission: 'organisations.write', idParams },
      },
      (req) => service.addMember(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/organisations/alliances/:id/chairs',
      {
        schema: { tags, ...byId, body: AllianceChairInput, response: detail },
        config: { permission: 'organisations.write', idParams },
      },
      (req) => service.addChair(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/organisations/alliances/:id/commitments',
      {
        schema: { tags, ...byId, body: CommitmentInput, response: detail },
        config: { permission: 'organisations.write', idParams },
      },
      (req) => service.addCommitment(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/organisations/alliance-commitments/:id/status',
      {
        schema: { tags, ...byId, body: CommitmentStatusInput, response: detail },
        config: { permission: 'organisations.write', idParams: { id: 'alliance_commitment' } },
      },
      (req) => service.setCommitmentStatus(req.actor!, req.params.id, req.body.status),
    );
  };
}
