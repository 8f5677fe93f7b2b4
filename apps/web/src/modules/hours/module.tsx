import { lazy, Suspense } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL } from './words';

const HoursPage = lazy(() => import('./pages/HoursPage'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));

/** Found by the shell at build time (app/module-registry.ts): 服务时长 for staff, and the public certificate check. */
export const webModule: WebModule = {
  routes: [guardedRoute('hours', 'hours.read', <HoursPage />)],
  menu: [{ path: '/hours', label: MENU_LABEL, testId: 'menu-hours', permission: 'hours.read' }],
  publicRoutes: [
    {
      path: '/verify/:code',
      element: (
        <Suspense fallback={null}>
          <VerifyPage />
        </Suspense>
      ),
    },
  ],
};
