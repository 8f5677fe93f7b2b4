import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ClientMerge, ClientMergeInput, Id } from '@linli/contracts';
import type { MergesService } from './merges.service';

const tags = ['care'];
const IdParams = z.object({ id: Id });

export function mergeRoutes(merges: MergesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/care/clients/:id/merge',
      {
        schema: { tags, params: IdParams, body: ClientMergeInput, response: { 200: ClientMerge } },
        config: { permission: 'care.client.write', personalData: true, idParams: { id: 'client' } },
      },
      (req) => merges.merge(req.actor!, req.params.id, req.body.intoId, req.body.reason),
    );

    app.post(
      '/api/care/merges/:id/undo',
      {
        schema: { tags, params: IdParams, response: { 200: ClientMerge } },
        config: { permission: 'care.client.write', personalData: true, idParams: { id: 'client_merge' } },
      },
      (req) => merges.undo(req.actor!, req.params.id),
    );
  };
}
