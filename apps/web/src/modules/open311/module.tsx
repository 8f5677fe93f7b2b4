import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const Open311ListPage = lazy(() => import('./pages/Open311ListPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [guardedRoute('open311', 'open311.read', <Open311ListPage />)],
  menu: [{ path: '/open311', label: MENU_LABEL, testId: 'menu-open311', permission: 'open311.read' }],
};
