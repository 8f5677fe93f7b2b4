// Public surface of the org module: other modules import only from here.
export { AreasService, importDistrict, importEntries, toArea } from './areas.service';
export { areaRoutes } from './areas.routes';
export { registerAreaOwned } from './area-owned';
export { findArea, findAreas, insertArea } from './areas.repository';
export { communitiesOf, findDistrict, streetsOf } from './division-catalog';
export { type AreaRow } from './areas.repository';
export { areas } from './areas.tables';
