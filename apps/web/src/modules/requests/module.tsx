import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { FIGURES_LABEL, HOTLINE_IMPORT_LABEL } from './figures/words';
import { CATEGORIES_LABEL, RULES_LABEL } from './catalogue/words';
import { INTAKE_LABEL, MENU_LABEL, QUEUE_LABEL, TRIAGE_LABEL } from './words';

const RequestsListPage = lazy(() => import('./pages/RequestsListPage'));
const TriagePage = lazy(() => import('./pages/TriagePage'));
const UnitQueuePage = lazy(() => import('./pages/UnitQueuePage'));
const IntakePage = lazy(() => import('./pages/IntakePage'));
const RequestDetailPage = lazy(() => import('./pages/RequestDetailPage'));
const RequestFiguresPage = lazy(() => import('./figures/pages/RequestFiguresPage'));
const HotlineImportPage = lazy(() => import('./figures/pages/HotlineImportPage'));
const CategoriesPage = lazy(() => import('./catalogue/pages/CategoriesPage'));
const RoutingRulesPage = lazy(() => import('./catalogue/pages/RoutingRulesPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entry. */
export const webModule: WebModule = {
  routes: [
    guardedRoute('requests', 'requests.read', <RequestsListPage />),
    guardedRoute('requests/triage', 'requests.triage', <TriagePage />),
    guardedRoute('requests/queue', 'requests.handle', <UnitQueuePage />),
    guardedRoute('requests/new', 'requests.intake', <IntakePage />),
    guardedRoute('requests/figures', 'requests.figures', <RequestFiguresPage />),
    guardedRoute('requests/import', 'requests.import', <HotlineImportPage />),
    guardedRoute('requests/catalogue', 'requests.read', <CategoriesPage />),
    guardedRoute('requests/catalogue/rules', 'requests.read', <RoutingRulesPage />),
    guardedRoute('requests/:id', 'requests.read', <RequestDetailPage />),
  ],
  menu: [
    { path: '/requests/triage', label: TRIAGE_LABEL, testId: 'menu-requests-triage', permission: 'requests.triage' },
    // 单位工单: a unit's users (a partner member: its organisation's work, like its referral inbox).
    { path: '/requests/queue', label: QUEUE_LABEL, testId: 'menu-requests-queue', permission: 'requests.handle' },
    { path: '/requests', label: MENU_LABEL, testId: 'menu-requests', permission: 'requests.read' },
    { path: '/requests/new', label: INTAKE_LABEL, testId: 'menu-requests-intake', permission: 'requests.intake' },
    {
      path: '/requests/figures',
      label: FIGURES_LABEL,
      testId: 'menu-requests-figures',
      permission: 'requests.figures',
    },
    {
      path: '/requests/catalogue',
      label: CATEGORIES_LABEL,
      testId: 'menu-requests-catalogue',
      permission: 'requests.catalogue.manage',
    },
    {
      path: '/requests/catalogue/rules',
      label: RULES_LABEL,
      testId: 'menu-requests-rules',
      permission: 'requests.catalogue.manage',
    },
    {
      path: '/requests/import',
      label: HOTLINE_IMPORT_LABEL,
      testId: 'menu-requests-import',
      permission: 'requests.import',
    },
  ],
};
