// Public surface of the wishes module (微心愿): other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { WishClaimsService, expireClaims } from './wish-claims.service';
import { WishOwnService } from './wish-own.service';
import { wishPhotoRoutes } from './wish-photos.routes';
import { WishesService } from './wishes.service';
import { wishClaimRoutes, wishOwnRoutes, wishStepRoutes, wishesRoutes } from './wishes.routes';

// Area merges re-code this module's rows too.
for (const table of ['wishes', 'wish_events', 'wish_photos']) registerAreaOwned({ table, column: 'area_code' });

export { WishesService } from './wishes.service';
export { expireClaims } from './wish-claims.service';
export { seedWishesDemo } from './wishes-demo';

/** Loaded by the server and the CLI because 'wishes' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'wishes',
  // Claims are checked hourly: a claim's deadline is counted in days, an hour late is no harm.
  setup: (ctx) => ctx.jobs.every({ name: 'wishes.expire_claims', everyMs: 3_600_000, run: () => expireClaims(ctx) }),
  register: async (app, ctx) => {
    const staff = new WishesService(ctx);
    await app.register(wishesRoutes(staff));
    await app.register(wishStepRoutes(staff));
    const claims = new WishClaimsService(ctx);
    await app.register(wishClaimRoutes(claims));
    await app.register(wishPhotoRoutes(claims));
    await app.register(wishOwnRoutes(new WishOwnService(ctx)));
  },
};
