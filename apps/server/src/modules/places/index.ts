// Public surface of the places module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { PlacesService } from './places.service';
import { placesRoutes } from './places.routes';

// Area merges re-code this module's rows too.
registerAreaOwned({ table: 'places_items', column: 'area_code' });

export { PlacesService } from './places.service';

/** Loaded by the server and the CLI because 'places' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'places',
  register: async (app, ctx) => app.register(placesRoutes(new PlacesService(ctx))),
};
