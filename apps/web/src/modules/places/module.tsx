import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const PlacesPage = lazy(() => import('./pages/PlacesPage'));

/** Found by the shell at build time (app/module-registry.ts): the community's buildings and points (小区楼栋/地点). */
export const webModule: WebModule = {
  routes: [guardedRoute('places', 'places.manage', <PlacesPage />)],
  // For the staff who keep the list; residents and partners see the places only where they pick one.
  menu: [{ path: '/places', label: MENU_LABEL, testId: 'menu-places', permission: 'places.manage' }],
};
