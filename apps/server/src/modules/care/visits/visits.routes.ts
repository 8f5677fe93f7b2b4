import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, RecordVisitInput, RecordVisitResult, Worklist, WorklistQuery } from '@linli/contracts';
import type { VisitsService } from './visits.service';

const IdParams = z.object({ id: Id });
const tags = ['care'];

export function visitRoutes(visits: VisitsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/care/worklist',
      {
        schema: { tags, querystring: WorklistQuery, response: { 200: Worklist } },
        config: { permission: 'care.visit.read', personalData: true },
      },
      (req) => visits.worklist(req.actor!, req.query),
    );

    app.post(
      '/api/care/visits/:id/record',
      {
        schema: { tags, params: IdParams, body: RecordVisitInput, response: { 200: RecordVisitResult } },
        config: { permission: 'care.visit.write', personalData: true, idParams: { id: 'visit' } },
      },
      (req) => visits.record(req.actor!, req.params.id, req.body),
    );
  };
}
