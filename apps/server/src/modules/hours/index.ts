// Public surface of the hours module (志愿服务时长): other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { CertificatesService } from './hours-certificates';
import { HoursExportService } from './hours-export';
import { HoursIdExportService } from './hours-id-export.service';
import { hoursIdExportRoutes } from './hours-id-export.routes';
import { HoursOwnService } from './hours-own.service';
import { HoursService } from './hours.service';
import { HoursSettingsService } from './hours-settings.service';
import { type HoursServices, hoursOwnRoutes, hoursPublicRoutes, hoursRoutes } from './hours.routes';

// Area merges re-code this module's rows too (the ledger's trigger lets an UPDATE of area_code alone through).
for (const table of ['hour_entries', 'hour_claims', 'hour_star_events', 'hour_certificates', 'hour_issuers'])
  registerAreaOwned({ table, column: 'area_code' });

export { HoursService } from './hours.service';

/** Loaded by the server and the CLI because 'hours' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'hours',
  register: async (app, ctx) => {
    const services: HoursServices = {
      staff: new HoursService(ctx),
      settings: new HoursSettingsService(ctx),
      certificates: new CertificatesService(ctx),
      exports: new HoursExportService(ctx),
      own: new HoursOwnService(ctx),
    };
    await app.register(hoursRoutes(services));
    await app.register(hoursOwnRoutes(services));
    await app.register(hoursPublicRoutes(ctx, services));
    // The national CSV with full ID numbers, by approval.
    await app.register(hoursIdExportRoutes(new HoursIdExportService(ctx, services.exports)));
  },
};

export * from './hours-credit';
export { seedHoursDemo } from './hours-demo';
