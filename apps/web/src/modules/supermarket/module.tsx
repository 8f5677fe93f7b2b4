import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const SupermarketListPage = lazy(() => import('./pages/SupermarketListPage'));
const SupermarketDetailPage = lazy(() => import('./pages/SupermarketDetailPage'));
const CounterPage = lazy(() => import('./pages/CounterPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [
    guardedRoute('supermarket', 'supermarket.read', <SupermarketListPage />),
    guardedRoute('supermarket/:id', 'supermarket.read', <SupermarketDetailPage />),
    guardedRoute('supermarket/:id/counter', 'supermarket.counter', <CounterPage />),
  ],
  menu: [{ path: '/supermarket', label: MENU_LABEL, testId: 'menu-supermarket', permission: 'supermarket.read' }],
};
