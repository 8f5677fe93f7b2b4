import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../components/RequirePermission';

const UserListPage = lazy(() => import('./pages/UserListPage'));

export const usersRoutes: RouteObject[] = [guardedRoute('users', 'user.read', <UserListPage />)];
