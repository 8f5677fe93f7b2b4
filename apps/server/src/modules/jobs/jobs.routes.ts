import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { JobsOverview } from '@linli/contracts/modules/jobs';
import type { JobsService } from './jobs.service';

const tags = ['jobs'];

export function jobsRoutes(service: JobsService): FastifyPluginAsyncZod {
  return async (app) => {
    // Job names, counts and errors of the system's own work: no personal data (errors are the jobs' messages).
    app.get(
      '/api/jobs',
      { schema: { tags, response: { 200: JobsOverview } }, config: { permission: 'jobs.read' } },
      () => service.overview(),
    );
  };
}
