import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Consent, ConsentInput, ConsentList, Id } from '@linli/contracts';
import type { ConsentsService } from './consents.service';

const tags = ['care'];
const IdParams = z.object({ id: Id });
const client = { personalData: true, idParams: { id: 'client' as const } };

export function consentRoutes(consents: ConsentsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/care/clients/:id/consents',
      {
        schema: { tags, params: IdParams, response: { 200: ConsentList } },
        config: { permission: 'care.client.read', ...client },
      },
      (req) => consents.list(req.actor!, req.params.id),
    );
    app.post(
      '/api/care/clients/:id/consents',
      {
        schema: { tags, params: IdParams, body: ConsentInput, response: { 200: Consent } },
        config: { permission: 'care.client.write', ...client },
      },
      (req) => consents.record(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/care/consents/:id/revoke',
      {
        schema: { tags, params: IdParams, response: { 200: Consent } },
        config: { permission: 'care.client.write', personalData: true, idParams: { id: 'consent' } },
      },
      (req) => consents.revoke(req.actor!, req.params.id),
    );
  };
}
