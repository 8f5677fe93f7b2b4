// Public surface of the jobs module: the admin page of the server's job runner (platform/jobs.ts, ADR 0007). The
// runner and its tables belong to the platform (migration 0019); this module only shows them.
import type { LinliModule } from '../../platform/module';
import { JobsService } from './jobs.service';
import { jobsRoutes } from './jobs.routes';

export { JobsService } from './jobs.service';

/** Loaded by the server and the CLI because 'jobs' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'jobs',
  register: async (app, ctx) => app.register(jobsRoutes(new JobsService(ctx))),
};
