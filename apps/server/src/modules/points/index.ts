// Public surface of the points module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { registerEarningHandler } from './points-earning';
import { PointsService } from './points.service';
import { pointsRoutes, pointsTeamRoutes, pointsWriteRoutes } from './points.routes';

// Area merges re-code this module's rows too (point_transfers' trigger lets area_code alone change).
registerAreaOwned({ table: 'point_accounts', column: 'area_code' });
registerAreaOwned({ table: 'point_transfers', column: 'area_code' });
registerAreaOwned({ table: 'point_postings', column: 'area_code' });
registerAreaOwned({ table: 'point_rules', column: 'area_code', uniqueWith: ['effective_from'] });
registerAreaOwned({ table: 'point_earnings', column: 'area_code' });

export { PointsService } from './points.service';

/** Loaded by the server and the CLI because 'points' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'points',
  setup: registerEarningHandler,
  register: async (app, ctx) => {
    const service = new PointsService(ctx);
    await app.register(pointsRoutes(service));
    await app.register(pointsWriteRoutes(service));
    await app.register(pointsTeamRoutes(service));
  },
};

export * from './points-ledger';
export { type OwnerLabeler, registerOwnerLabeler } from './points-owner-labels';
export { seedPointsDemo } from './points-demo';
