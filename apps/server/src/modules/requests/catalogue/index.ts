// The catalogue part of the requests module: its routes for the module's index.ts, and the lookups the other parts
// (intake, triage, Open311, figures) use.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context';
import { registerAreaOwned } from '../../org';
import { catalogueRoutes } from './catalogue.routes';
import { CatalogueService } from './catalogue.service';
import { RoutingService } from './routing.service';

// Area merges re-code the catalogue's rows too. A catalogue is a district's, and districts are not merged; rules
// name communities and streets, one rule per area and category.
registerAreaOwned({ table: 'request_categories', column: 'area_code', uniqueWith: ['code'] });
registerAreaOwned({ table: 'request_category_versions', column: 'area_code' });
registerAreaOwned({ table: 'request_routing_rules', column: 'area_code', uniqueWith: ['category_id'] });
registerAreaOwned({ table: 'request_routing_rules', column: 'unit_area_code' });

export * from './catalogue.lookup';

export async function registerCatalogueRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(catalogueRoutes(new CatalogueService(ctx), new RoutingService(ctx)));
}
export { type CatalogueDemoInput, seedCatalogueDemo } from './catalogue-demo';
