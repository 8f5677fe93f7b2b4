// Public surface of the places module: other modules import only from here (and from places.lookup.ts).
import type { LinliModule } from '../../platform/module';
import { pruneUploads } from '../../platform/media';
import { registerAreaOwned } from '../org';
import { PlacesService } from './places.service';
import { placesRoutes } from './places.routes';
import { mediaRoutes } from './media.routes';

// Area merges re-code this module's rows too (and the photo uploads, which the places module's migration holds).
// Two merged communities may both have a "东门": the merged-away one's place of that name goes (one list, one 东门).
registerAreaOwned({ table: 'community_places', column: 'area_code', uniqueWith: ['name'] });
registerAreaOwned({ table: 'media_uploads', column: 'area_code' });

export { PlacesService } from './places.service';
export { findPlaceInCommunity, nearestPlace } from './places.lookup';
export { seedPlacesDemo } from './places-demo';

/** Loaded by the server and the CLI because 'places' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'places',
  setup: (ctx) => {
    // Photos uploaded but never attached (a form abandoned): gone after 24 hours, checked hourly.
    ctx.jobs.every({ name: 'media.prune_uploads', everyMs: 3_600_000, run: () => pruneUploads(ctx) });
  },
  register: async (app, ctx) => {
    await app.register(placesRoutes(new PlacesService(ctx)));
    await app.register(mediaRoutes(ctx));
  },
};
