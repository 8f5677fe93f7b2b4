import type {} from './requests.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, PageQuery } from '@linli/contracts';
import {
  RequestFileInput,
  RequestIntakeResult,
  RequestRatingInput,
  ResidentCategoryList,
  ResidentRequest,
  ResidentRequestList,
} from '@linli/contracts/modules/requests';
import type { RequestFilingService } from './filing.service';
import type { RequestRatingService } from './rating.service';

const tags = ['requests'];
const byId = { params: z.object({ id: Id }) };
const own = { permission: 'requests.file' } as const;

/** The resident's side on /m: file, follow their own requests, rate within 7 days of 办结. Others' ids answer 404. */
export function residentRequestRoutes(
  filing: RequestFilingService,
  rating: RequestRatingService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/m/requests',
      {
        schema: { tags, querystring: PageQuery, response: { 200: ResidentRequestList } },
        config: { ...own, personalData: true },
      },
      (req) => filing.mine(req.actor!, req.query),
    );
    app.get(
      '/api/m/requests/categories',
      { schema: { tags, response: { 200: ResidentCategoryList } }, config: own },
      (req) => filing.categories(req.actor!),
    );
    app.post(
      '/api/m/requests',
      { schema: { tags, body: RequestFileInput, response: { 200: RequestIntakeResult } }, config: own },
      (req) => filing.file(req.actor!, req.body),
    );
    app.get(
      '/api/m/requests/:id',
      {
        schema: { tags, ...byId, response: { 200: ResidentRequest } },
        config: { ...own, personalData: true, idParams: { id: 'request' } },
      },
      (req) => filing.mineDetail(req.actor!, req.params.id),
    );
    app.post(
      '/api/m/requests/:id/rating',
      {
        schema: { tags, ...byId, body: RequestRatingInput, response: { 200: ResidentRequest } },
        config: { ...own, idParams: { id: 'request' } },
      },
      async (req) => {
        await rating.rate(req.actor!, req.params.id, req.body);
        return filing.mineDetail(req.actor!, req.params.id);
      },
    );
    app.get(
      '/api/m/requests/photos/:id',
      {
        schema: { tags, ...byId, response: { 200: z.any().describe('the photo (JPEG)') } },
        config: { ...own, personalData: true, idParams: { id: 'request_photo' } },
      },
      async (req, reply) => {
        const photo = await filing.minePhoto(req.actor!, req.params.id);
        return reply.header('content-type', photo.contentType).header('cache-control', 'no-store').send(photo.data);
      },
    );
  };
}
