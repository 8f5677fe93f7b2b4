import type {} from './places.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import { Place, PlaceInput, PlaceList, PlaceListQuery, PlaceUpdate } from '@linli/contracts/modules/places';
import type { PlacesService } from './places.service';

const tags = ['places'];

/** A community's buildings and points: the list (anyone of the community), and the staff's add and edit. */
export function placesRoutes(service: PlacesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/places',
      {
        schema: { tags, querystring: PlaceListQuery, response: { 200: PlaceList } },
        config: { permission: 'places.read' },
      },
      (req) => service.list(req.actor!, req.query),
    );

    app.post(
      '/api/places',
      {
        schema: { tags, body: PlaceInput, response: { 200: Place } },
        config: { permission: 'places.manage' },
      },
      (req) => service.create(req.actor!, req.body),
    );

    app.get(
      '/api/places/:id',
      {
        schema: { tags, params: z.object({ id: Id }), response: { 200: Place } },
        config: { permission: 'places.read', idParams: { id: 'place' } },
      },
      (req) => service.detail(req.actor!, req.params.id),
    );

    app.patch(
      '/api/places/:id',
      {
        schema: { tags, params: z.object({ id: Id }), body: PlaceUpdate, response: { 200: Place } },
        config: { permission: 'places.manage', idParams: { id: 'place' } },
      },
      (req) => service.update(req.actor!, req.params.id, req.body),
    );
  };
}
