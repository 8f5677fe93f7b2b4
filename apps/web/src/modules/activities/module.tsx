import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const ActivitiesListPage = lazy(() => import('./pages/ActivitiesListPage'));
const ActivityDetailPage = lazy(() => import('./pages/ActivityDetailPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [
    guardedRoute('activities', 'activities.read', <ActivitiesListPage />),
    guardedRoute('activities/:id', 'activities.read', <ActivityDetailPage />),
  ],
  menu: [{ path: '/activities', label: MENU_LABEL, testId: 'menu-activities', permission: 'activities.read' }],
};
