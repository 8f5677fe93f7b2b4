import type {} from './organisations.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  OrganisationContacts,
  OrganisationCreateInput,
  OrganisationDetail,
  OrganisationList,
  OrganisationListQuery,
  OrganisationStatusInput,
  OrganisationUpdateInput,
} from '@linli/contracts/modules/organisations';
import type { OrganisationsService } from './organisations.service';

const tags = ['organisations'];
const byId = { params: z.object({ id: Id }) };
const idParams = { id: 'organisation' } as const;

/** The register: list with filters, detail with history, create, edit (with the version read), status, reveal. */
export function organisationsRoutes(service: OrganisationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/organisations',
      {
        schema: { tags, querystring: OrganisationListQuery, response: { 200: OrganisationList } },
        config: { permission: 'organisations.read', personalData: true },
      },
      (req) => service.list(req.actor!, req.query),
    );
    app.post(
      '/api/organisations',
      {
        schema: { tags, body: OrganisationCreateInput, response: { 200: OrganisationDetail } },
        config: { permission: 'organisations.write', personalData: true },
      },
      (req) => service.create(req.actor!, req.body),
    );
    app.get(
      '/api/organisations/:id',
      {
        schema: { tags, ...byId, response: { 200: OrganisationDetail } },
        config: { permission: 'organisations.read', personalData: true, idParams },
      },
      (req) => service.detail(req.actor!, req.params.id),
    );
    app.put(
      '/api/organisations/:id',
      {
        schema: { tags, ...byId, body: OrganisationUpdateInput, response: { 200: OrganisationDetail } },
        config: { permission: 'organisations.write', personalData: true, idParams },
      },
      (req) => service.update(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/organisations/:id/status',
      {
        schema: { tags, ...byId, body: OrganisationStatusInput, response: { 200: OrganisationDetail } },
        config: { permission: 'organisations.write', personalData: true, idParams },
      },
      (req) => service.setStatus(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/organisations/:id/contacts/reveal',
      {
        schema: { tags, ...byId, response: { 200: OrganisationContacts } },
        config: { permission: 'organisations.contact.reveal', personalData: true, idParams },
      },
      (req) => service.revealContacts(req.actor!, req.params.id),
    );
  };
}
