import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const PlacesListPage = lazy(() => import('./pages/PlacesListPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [guardedRoute('places', 'places.read', <PlacesListPage />)],
  menu: [{ path: '/places', label: MENU_LABEL, testId: 'menu-places', permission: 'places.read' }],
};
