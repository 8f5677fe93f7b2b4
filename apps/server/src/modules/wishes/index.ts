// Public surface of the wishes module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { WishesService } from './wishes.service';
import { wishesRoutes } from './wishes.routes';

// Area merges re-code this module's rows too.
registerAreaOwned({ table: 'wishes_items', column: 'area_code' });

export { WishesService } from './wishes.service';

/** Loaded by the server and the CLI because 'wishes' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'wishes',
  register: async (app, ctx) => app.register(wishesRoutes(new WishesService(ctx))),
};
