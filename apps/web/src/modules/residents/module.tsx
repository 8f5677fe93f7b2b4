import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { LINKS_MENU_LABEL, NOTICES_MENU_LABEL } from './words';

const NoticesPage = lazy(() => import('./pages/NoticesPage'));
const LinkRequestsPage = lazy(() => import('./pages/LinkRequestsPage'));

/** Found by the shell at build time (app/module-registry.ts): the staff pages and menu entries of this module. */
export const webModule: WebModule = {
  routes: [
    guardedRoute('notices', 'notice.manage', <NoticesPage />),
    guardedRoute('residents/link-requests', 'care.client.write', <LinkRequestsPage />),
  ],
  menu: [
    { path: '/notices', label: NOTICES_MENU_LABEL, testId: 'menu-notices', permission: 'notice.manage' },
    {
      path: '/residents/link-requests',
      label: LINKS_MENU_LABEL,
      testId: 'menu-resident-links',
      permission: 'care.client.write',
    },
  ],
};
