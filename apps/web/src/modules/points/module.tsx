import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const PointsPage = lazy(() => import('./pages/PointsPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [guardedRoute('points', 'points.read', <PointsPage />)],
  menu: [{ path: '/points', label: MENU_LABEL, testId: 'menu-points', permission: 'points.read' }],
};
