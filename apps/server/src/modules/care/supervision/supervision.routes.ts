import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CaseloadReassignInput,
  CaseloadReassignResult,
  EscalationList,
  OverdueQueue,
  OverdueQueueQuery,
} from '@linli/contracts';
import type { SupervisionService } from './supervision.service';

const tags = ['care'];

/** The supervisors' dashboard: escalated and overdue visits. */
export function supervisionRoutes(supervision: SupervisionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/care/escalations',
      {
        schema: { tags, response: { 200: EscalationList } },
        config: { permission: 'care.supervision.read', personalData: true },
      },
      (req) => supervision.escalations(req.actor!),
    );

    app.get(
      '/api/care/overdue',
      {
        schema: { tags, querystring: OverdueQueueQuery, response: { 200: OverdueQueue } },
        config: { permission: 'care.supervision.read', personalData: true },
      },
      (req) => supervision.overdueQueue(req.actor!, req.query.top),
    );
  };
}

/** Moving a caseload (a departing worker's, or a whole grid's) to another worker. */
export function caseloadRoutes(supervision: SupervisionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/care/caseload/reassign',
      {
        schema: { tags, body: CaseloadReassignInput, response: { 200: CaseloadReassignResult } },
        config: { permission: 'care.caseload.manage', personalData: true },
      },
      (req) => supervision.reassign(req.actor!, req.body),
    );
  };
}
