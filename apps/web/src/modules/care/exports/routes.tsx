import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../../components/RequirePermission';

const ExportRequestsPage = lazy(() => import('./pages/ExportRequestsPage'));

export const exportsRoutes: RouteObject[] = [guardedRoute('care/exports', 'care.client.read', <ExportRequestsPage />)];
