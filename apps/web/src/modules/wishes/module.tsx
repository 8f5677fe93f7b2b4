import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { CLAIMS_LABEL, MENU_LABEL, WALL_LABEL } from './words';

const WishesListPage = lazy(() => import('./pages/WishesListPage'));
const WishDetailPage = lazy(() => import('./pages/WishDetailPage'));
const WishWallPage = lazy(() => import('./pages/WishWallPage'));
const MyClaimsPage = lazy(() => import('./pages/MyClaimsPage'));

/** Found by the shell at build time (app/module-registry.ts): staff's 微心愿管理, the wall and a claimant's claims. */
export const webModule: WebModule = {
  routes: [
    guardedRoute('wishes', 'wishes.read', <WishesListPage />),
    guardedRoute('wishes/wall', 'wishes.wall', <WishWallPage />),
    guardedRoute('wishes/claims', 'wishes.claim', <MyClaimsPage />),
    guardedRoute('wishes/:id', 'wishes.read', <WishDetailPage />),
  ],
  menu: [
    { path: '/wishes', label: MENU_LABEL, testId: 'menu-wishes', permission: 'wishes.read' },
    { path: '/wishes/wall', label: WALL_LABEL, testId: 'menu-wish-wall', permission: 'wishes.wall' },
    { path: '/wishes/claims', label: CLAIMS_LABEL, testId: 'menu-wish-claims', permission: 'wishes.claim' },
  ],
};
