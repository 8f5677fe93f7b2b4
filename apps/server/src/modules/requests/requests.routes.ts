import type {} from './requests.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import { RequestsItem, RequestsItemInput, RequestsItemList, RequestsItemListQuery } from '@linli/contracts/modules/requests';
import type { RequestsService } from './requests.service';

const tags = ['requests'];

export function requestsRoutes(service: RequestsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/requests/items', {
      schema: { tags, querystring: RequestsItemListQuery, response: { 200: RequestsItemList } },
      config: { permission: 'requests.read', personalData: true },
    }, (req) => service.list(req.actor!, req.query));

    app.post('/api/requests/items', {
      schema: { tags, body: RequestsItemInput, response: { 200: RequestsItem } },
      config: { permission: 'requests.intake', personalData: true },
    }, (req) => service.create(req.actor!, req.body));

    app.get('/api/requests/items/:id', {
      schema: { tags, params: z.object({ id: Id }), response: { 200: RequestsItem } },
      config: { permission: 'requests.read', personalData: true, idParams: { id: 'requests_item' } },
    }, (req) => service.detail(req.actor!, req.params.id));
  };
}
