import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const WishesListPage = lazy(() => import('./pages/WishesListPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [guardedRoute('wishes', 'wishes.read', <WishesListPage />)],
  menu: [{ path: '/wishes', label: MENU_LABEL, testId: 'menu-wishes', permission: 'wishes.read' }],
};
