import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/AuthGuard';

const UserListPage = lazy(() => import('./pages/UserListPage'));

export const usersRoutes: RouteObject[] = [
  {
    path: 'users',
    element: (
      <RequirePermission permission="user.read">
        <UserListPage />
      </RequirePermission>
    ),
  },
];
