import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClientDetail,
  ClientInput,
  ClientList,
  ClientListQuery,
  ClientStatusInput,
  ClientTimelinePage,
  ClientTimelineQuery,
  ClientUpdateInput,
  DuplicateWarnings,
  Id,
  RevealInput,
  RevealResult,
} from '@linli/contracts';
import type { ClientChangesService } from './client-changes.service';
import type { ClientEntryService } from './client-entry.service';
import type { ClientsService } from './clients.service';

const IdParams = z.object({ id: Id });
const tags = ['care'];

/** The register: list, entry (with the duplicate check), detail, reveal. */
export function clientRoutes(clients: ClientsService, entry: ClientEntryService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/care/clients',
      {
        schema: { tags, querystring: ClientListQuery, response: { 200: ClientList } },
        config: { permission: 'care.client.read', personalData: true },
      },
      (req) => clients.list(req.actor!, req.query),
    );

    app.post(
      '/api/care/clients',
      {
        schema: { tags, body: ClientInput, response: { 200: ClientDetail } },
        config: { permission: 'care.client.write', personalData: true },
      },
      (req) => entry.create(req.actor!, req.body),
    );

    app.post(
      '/api/care/clients/duplicates',
      {
        schema: {
          tags,
          body: ClientInput.pick({ name: true, idNumber: true, phone: true, birthDate: true, communityCode: true }),
          response: { 200: DuplicateWarnings },
        },
        config: { permission: 'care.client.write', personalData: true },
      },
      (req) => entry.duplicates(req.actor!, req.body),
    );

    app.get(
      '/api/care/clients/:id',
      {
        schema: { tags, params: IdParams, response: { 200: ClientDetail } },
        config: { permission: 'care.client.read', personalData: true, idParams: { id: 'client' } },
      },
      (req) => clients.detail(req.actor!, req.params.id),
    );

    app.get(
      '/api/care/clients/:id/timeline',
      {
        schema: { tags, params: IdParams, querystring: ClientTimelineQuery, response: { 200: ClientTimelinePage } },
        config: { permission: 'care.client.read', personalData: true, idParams: { id: 'client' } },
      },
      (req) => clients.timeline(req.actor!, req.params.id, req.query),
    );

    app.post(
      '/api/care/clients/:id/reveal',
      {
        schema: { tags, params: IdParams, body: RevealInput, response: { 200: RevealResult } },
        config: { permission: 'care.client.reveal', personalData: true, idParams: { id: 'client' } },
      },
      (req) => clients.reveal(req.actor!, req.params.id, req.body.field, req.body.reason),
    );
  };
}

/** Edits and status changes (they move or cancel the client's open visits). */
export function clientChangeRoutes(changes: ClientChangesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.patch(
      '/api/care/clients/:id',
      {
        schema: { tags, params: IdParams, body: ClientUpdateInput, response: { 200: ClientDetail } },
        config: { permission: 'care.client.write', personalData: true, idParams: { id: 'client' } },
      },
      (req) => changes.update(req.actor!, req.params.id, req.body),
    );

    app.post(
      '/api/care/clients/:id/status',
      {
        schema: { tags, params: IdParams, body: ClientStatusInput, response: { 200: ClientDetail } },
        config: { permission: 'care.client.write', personalData: true, idParams: { id: 'client' } },
      },
      (req) => changes.setStatus(req.actor!, req.params.id, req.body),
    );
  };
}
