// Public surface of the org module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { AreasService } from './areas.service';
import { areaRoutes } from './areas.routes';

export { AreasService, toArea } from './areas.service';
export { addGrid, importDistrict, importEntries } from './area-import';
export { areaRoutes } from './areas.routes';
export { areaCodedTables, registerAreaOwned } from './area-owned';
export { findArea, findAreas } from './areas.repository';
export { communitiesOf, findDistrict, streetsOf } from './division-catalog';
export { type AreaRow } from './areas.repository';
export { areas } from './areas.tables';

export const orgModule: LinliModule = {
  name: 'org',
  register: async (app, ctx) => app.register(areaRoutes(new AreasService(ctx))),
};
