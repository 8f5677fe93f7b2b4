// Public surface of the open311 module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { georeportRoutes } from './georeport.routes';
import { GeoIntakeService } from './georeport.intake';
import { GeoReadService } from './georeport.service';
import { Open311KeyService } from './keys.service';
import { open311KeyRoutes } from './open311.routes';

// Area merges re-code this module's rows too (a key of a merged-away community then files in the merged one).
registerAreaOwned({ table: 'open311_api_keys', column: 'area_code' });
registerAreaOwned({ table: 'open311_rate_windows', column: 'area_code' });

export { Open311KeyService } from './keys.service';

/** Loaded by the server and the CLI because 'open311' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'open311',
  register: async (app, ctx) => {
    const keys = new Open311KeyService(ctx);
    await app.register(open311KeyRoutes(keys));
    // Its own plugin: the form parser and the standard's error format apply to /open311/v2/ only.
    await app.register(
      georeportRoutes(ctx, { read: new GeoReadService(ctx), intake: new GeoIntakeService(ctx, keys), keys }),
    );
  },
};
