import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const Open311KeysPage = lazy(() => import('./pages/Open311KeysPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [guardedRoute('open311/keys', 'open311.keys.manage', <Open311KeysPage />)],
  menu: [{ path: '/open311/keys', label: MENU_LABEL, testId: 'menu-open311', permission: 'open311.keys.manage' }],
};
