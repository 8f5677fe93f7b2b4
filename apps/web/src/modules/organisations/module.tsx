import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { EXPERTS_LABEL, MENU_LABEL } from './words';

const OrganisationsListPage = lazy(() => import('./pages/OrganisationsListPage'));
const OrganisationDetailPage = lazy(() => import('./pages/OrganisationDetailPage'));
const OrganisationImportPage = lazy(() => import('./pages/OrganisationImportPage'));
const AlliancesPage = lazy(() => import('./pages/AlliancesPage'));
const AllianceDetailPage = lazy(() => import('./pages/AllianceDetailPage'));

/** Found by the shell at build time (app/module-registry.ts): the register's routes and menu entries. */
export const webModule: WebModule = {
  routes: [
    guardedRoute('organisations', 'organisations.read', <OrganisationsListPage />),
    guardedRoute('organisations/experts', 'organisations.read', <OrganisationsListPage experts />),
    guardedRoute('organisations/import', 'organisations.import', <OrganisationImportPage />),
    guardedRoute('organisations/alliances', 'organisations.read', <AlliancesPage />),
    guardedRoute('organisations/alliances/:id', 'organisations.read', <AllianceDetailPage />),
    guardedRoute('organisations/:id', 'organisations.read', <OrganisationDetailPage />),
  ],
  menu: [
    { path: '/organisations', label: MENU_LABEL, testId: 'menu-organisations', permission: 'organisations.read' },
    // The expert pool (专家库) is the register filtered to kind 专家 (as /organisations?kind=expert is).
    {
      path: '/organisations/experts',
      label: EXPERTS_LABEL,
      testId: 'menu-experts',
      permission: 'organisations.read',
    },
  ],
};
