import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Household, HouseholdInput, Id } from '@linli/contracts';
import type { HouseholdsService } from './households.service';

const tags = ['care'];
const IdParams = z.object({ id: Id });

export function householdRoutes(households: HouseholdsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/care/households',
      {
        schema: { tags, body: HouseholdInput, response: { 200: Household } },
        config: { permission: 'care.client.write', personalData: true },
      },
      (req) => households.create(req.actor!, req.body),
    );

    app.get(
      '/api/care/households/:id',
      {
        schema: { tags, params: IdParams, response: { 200: Household } },
        config: { permission: 'care.client.read', personalData: true, idParams: { id: 'household' } },
      },
      (req) => households.detail(req.actor!, req.params.id),
    );
  };
}
