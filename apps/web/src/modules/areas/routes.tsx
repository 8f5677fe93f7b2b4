import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/AuthGuard';

const AreasPage = lazy(() => import('./pages/AreasPage'));

export const areasRoutes: RouteObject[] = [
  {
    path: 'areas',
    element: (
      <RequirePermission permission="area.read">
        <AreasPage />
      </RequirePermission>
    ),
  },
];
