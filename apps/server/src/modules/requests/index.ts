// Public surface of the requests module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { RequestsService } from './requests.service';
import { requestsRoutes } from './requests.routes';

// Area merges re-code this module's rows too.
registerAreaOwned({ table: 'requests_items', column: 'area_code' });

export { RequestsService } from './requests.service';

/** Loaded by the server and the CLI because 'requests' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'requests',
  register: async (app, ctx) => app.register(requestsRoutes(new RequestsService(ctx))),
};
