import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const RequestsListPage = lazy(() => import('./pages/RequestsListPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [guardedRoute('requests', 'requests.read', <RequestsListPage />)],
  menu: [{ path: '/requests', label: MENU_LABEL, testId: 'menu-requests', permission: 'requests.read' }],
};
