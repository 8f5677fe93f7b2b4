import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const JobsPage = lazy(() => import('./pages/JobsPage'));

/** Found by the shell at build time (app/module-registry.ts): the admin page of the server's background jobs. */
export const webModule: WebModule = {
  routes: [guardedRoute('admin/jobs', 'jobs.read', <JobsPage />)],
  menu: [{ path: '/admin/jobs', label: MENU_LABEL, testId: 'menu-jobs', permission: 'jobs.read' }],
};
