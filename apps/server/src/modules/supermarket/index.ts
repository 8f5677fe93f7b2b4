// Public surface of the supermarket module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { registerOwnerLabeler } from '../points';
import { RedemptionService } from './redemption.service';
import { registerSupermarketJobs } from './reservation-expiry';
import { exportRoutes, redemptionRoutes, redemptionStepRoutes, supermarketMobileRoutes } from './redemption.routes';
import { StockService } from './stock.service';
import { supermarketNames } from './supermarket.repository';
import { SupermarketExportService } from './supermarket-export.service';
import { SupermarketMobileService } from './supermarket-mobile.service';
import { SupermarketService } from './supermarket.service';
import { itemRoutes, stockRoutes, supermarketRoutes } from './supermarket.routes';

// Area merges re-code this module's rows too.
for (const table of [
  'supermarkets',
  'supermarket_items',
  'supermarket_redemptions',
  'supermarket_redemption_lines',
  'supermarket_returns',
  'supermarket_stock_movements',
])
  registerAreaOwned({ table, column: 'area_code' });

// Supermarket point accounts are named after the supermarket (the points module cannot import this one).
registerOwnerLabeler('supermarket', supermarketNames);

export { SupermarketService } from './supermarket.service';

/** Loaded by the server and the CLI because 'supermarket' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'supermarket',
  setup: registerSupermarketJobs,
  register: async (app, ctx) => {
    const markets = new SupermarketService(ctx);
    const redemptions = new RedemptionService(ctx, markets);
    await app.register(supermarketRoutes(markets));
    await app.register(itemRoutes(markets));
    await app.register(stockRoutes(new StockService(ctx, markets)));
    await app.register(redemptionRoutes(redemptions));
    await app.register(redemptionStepRoutes(redemptions));
    await app.register(exportRoutes(new SupermarketExportService(ctx, markets)));
    await app.register(supermarketMobileRoutes(new SupermarketMobileService(ctx)));
  },
};
export { seedSupermarketDemo } from './supermarket-demo';
export { EXPIRE_RESERVATIONS_JOB, expireReservations } from './reservation-expiry';
