// Public surface of the organisations module (the partner register): other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { allianceRoutes } from './alliances.routes';
import { AlliancesService } from './alliances.service';
import { organisationFileRoutes } from './organisation-files.routes';
import { OrganisationsImportService } from './organisations-import.service';
import { organisationsRoutes } from './organisations.routes';
import { OrganisationsService } from './organisations.service';

// Area merges re-code this module's rows too (a served area once per partner).
for (const table of [
  'organisations',
  'organisation_contacts',
  'organisation_events',
  'alliances',
  'alliance_members',
  'alliance_chairs',
  'alliance_commitments',
]) {
  registerAreaOwned({ table, column: 'area_code' });
}
registerAreaOwned({ table: 'organisation_service_areas', column: 'area_code', uniqueWith: ['organisation_id'] });

export { OrganisationsService } from './organisations.service';
export { findOrganisationInScope, type OrganisationRef } from './organisation-lookup';
export { nameKeys as organisationNameKeys } from './organisation-record';
export { type SeedAlliance, type SeedPartner, seedOrganisations } from './organisations-seed';

/** Loaded by the server and the CLI because 'organisations' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'organisations',
  register: async (app, ctx) => {
    const alliances = new AlliancesService(ctx);
    await app.register(organisationsRoutes(new OrganisationsService(ctx)));
    await app.register(allianceRoutes(alliances));
    await app.register(organisationFileRoutes(new OrganisationsImportService(ctx), alliances));
  },
};
