import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../components/RequirePermission';

const AreasPage = lazy(() => import('./pages/AreasPage'));

export const areasRoutes: RouteObject[] = [guardedRoute('areas', 'area.read', <AreasPage />)];
