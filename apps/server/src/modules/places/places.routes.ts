import type {} from './places.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import { PlacesItem, PlacesItemInput, PlacesItemList, PlacesItemListQuery } from '@linli/contracts/modules/places';
import type { PlacesService } from './places.service';

const tags = ['places'];

export function placesRoutes(service: PlacesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/places/items', {
      schema: { tags, querystring: PlacesItemListQuery, response: { 200: PlacesItemList } },
      config: { permission: 'places.read', personalData: true },
    }, (req) => service.list(req.actor!, req.query));

    app.post('/api/places/items', {
      schema: { tags, body: PlacesItemInput, response: { 200: PlacesItem } },
      config: { permission: 'places.write', personalData: true },
    }, (req) => service.create(req.actor!, req.body));

    app.get('/api/places/items/:id', {
      schema: { tags, params: z.object({ id: Id }), response: { 200: PlacesItem } },
      config: { permission: 'places.read', personalData: true, idParams: { id: 'places_item' } },
    }, (req) => service.detail(req.actor!, req.params.id));
  };
}
