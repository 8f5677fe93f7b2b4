import type {} from './open311.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  Open311Key,
  Open311KeyCreated,
  Open311KeyInput,
  Open311KeyList,
  Open311KeyListQuery,
} from '@linli/contracts/modules/open311';
import type { Open311KeyService } from './keys.service';

const tags = ['open311'];

/**
 * The system administrator's pages for the keys of partner systems (/api, session + CSRF like every staff route).
 * A key is shown once, in the answer to its creation; lists show its prefix only.
 */
export function open311KeyRoutes(keys: Open311KeyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/open311/keys',
      {
        schema: { tags, querystring: Open311KeyListQuery, response: { 200: Open311KeyList } },
        config: { permission: 'open311.keys.manage' },
      },
      (req) => keys.list(req.actor!, req.query),
    );
    app.post(
      '/api/open311/keys',
      {
        schema: { tags, body: Open311KeyInput, response: { 200: Open311KeyCreated } },
        config: { permission: 'open311.keys.manage' },
      },
      (req) => keys.create(req.actor!, req.body),
    );
    app.post(
      '/api/open311/keys/:id/revoke',
      {
        schema: { tags, params: z.object({ id: Id }), response: { 200: Open311Key } },
        config: { permission: 'open311.keys.manage', idParams: { id: 'open311_key' } },
      },
      (req) => keys.revoke(req.actor!, req.params.id),
    );
  };
}
