import type {} from './wishes.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import { WishesItem, WishesItemInput, WishesItemList, WishesItemListQuery } from '@linli/contracts/modules/wishes';
import type { WishesService } from './wishes.service';

const tags = ['wishes'];

export function wishesRoutes(service: WishesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/wishes/items', {
      schema: { tags, querystring: WishesItemListQuery, response: { 200: WishesItemList } },
      config: { permission: 'wishes.read', personalData: true },
    }, (req) => service.list(req.actor!, req.query));

    app.post('/api/wishes/items', {
      schema: { tags, body: WishesItemInput, response: { 200: WishesItem } },
      config: { permission: 'wishes.write', personalData: true },
    }, (req) => service.create(req.actor!, req.body));

    app.get('/api/wishes/items/:id', {
      schema: { tags, params: z.object({ id: Id }), response: { 200: WishesItem } },
      config: { permission: 'wishes.read', personalData: true, idParams: { id: 'wishes_item' } },
    }, (req) => service.detail(req.actor!, req.params.id));
  };
}
