// Public surface of the requests module (民生诉求, issue 11): other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { registerCatalogueRoutes } from './catalogue';
import { requestFiguresRoutes } from './figures/figures.routes';
import { hotlineImportRoutes } from './import/hotline.routes';
import { RequestFilingService } from './filing.service';
import { RequestHandlingService } from './handling.service';
import { RequestRatingService } from './rating.service';
import { registerRequestJobs } from './requests.jobs';
import { requestsRoutes } from './requests.routes';
import { RequestsService } from './requests.service';
import { residentRequestRoutes } from './resident.routes';
import { RequestTriageService } from './triage.service';

// Area merges re-code this module's rows too.
for (const table of ['requests', 'request_events', 'request_photos']) registerAreaOwned({ table, column: 'area_code' });
registerAreaOwned({ table: 'requests', column: 'unit_area_code' });
registerAreaOwned({ table: 'request_unit_links', column: 'area_code', uniqueWith: ['request_id'] });
registerAreaOwned({ table: 'request_unit_links', column: 'request_area_code' });

export { type RequestIntakeInput, type RequestIntakeResult, intakeRequest } from './intake.service';
export { publicRequestView, publicRequestViews } from './requests.public';
export { type RequestsDemoInput, seedRequestsDemo } from './requests-demo';
export { seedCatalogueDemo } from './catalogue';
// For the Open311 module (open311/georeport.*): the table for its public read-only queries, and the catalogue lookups.
export { requests } from './requests.tables';
export { type CategoryAtVersion, findCategory, listActiveCategories } from './catalogue';
export { RequestsService } from './requests.service';

/** Loaded by the server and the CLI because 'requests' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'requests',
  setup: (ctx) => registerRequestJobs(ctx),
  register: async (app, ctx) => {
    const filing = new RequestFilingService(ctx);
    await app.register(
      requestsRoutes({
        reads: new RequestsService(ctx),
        filing,
        triage: new RequestTriageService(ctx),
        handling: new RequestHandlingService(ctx),
      }),
    );
    await app.register(residentRequestRoutes(filing, new RequestRatingService(ctx)));
    await registerCatalogueRoutes(app, ctx);
    // Figures, the ledger export and the 12345 import (figures/, import/).
    await app.register(requestFiguresRoutes(ctx));
    await app.register(hotlineImportRoutes(ctx));
  },
};
