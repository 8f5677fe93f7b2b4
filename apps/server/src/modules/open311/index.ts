// Public surface of the open311 module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { Open311Service } from './open311.service';
import { open311Routes } from './open311.routes';

// Area merges re-code this module's rows too.
registerAreaOwned({ table: 'open311_items', column: 'area_code' });

export { Open311Service } from './open311.service';

/** Loaded by the server and the CLI because 'open311' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'open311',
  register: async (app, ctx) => app.register(open311Routes(new Open311Service(ctx))),
};
