import type {} from './open311.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import { Open311Item, Open311ItemInput, Open311ItemList, Open311ItemListQuery } from '@linli/contracts/modules/open311';
import type { Open311Service } from './open311.service';

const tags = ['open311'];

export function open311Routes(service: Open311Service): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/open311/items', {
      schema: { tags, querystring: Open311ItemListQuery, response: { 200: Open311ItemList } },
      config: { permission: 'open311.read', personalData: true },
    }, (req) => service.list(req.actor!, req.query));

    app.post('/api/open311/items', {
      schema: { tags, body: Open311ItemInput, response: { 200: Open311Item } },
      config: { permission: 'open311.write', personalData: true },
    }, (req) => service.create(req.actor!, req.body));

    app.get('/api/open311/items/:id', {
      schema: { tags, params: z.object({ id: Id }), response: { 200: Open311Item } },
      config: { permission: 'open311.read', personalData: true, idParams: { id: 'open311_item' } },
    }, (req) => service.detail(req.actor!, req.params.id));
  };
}
