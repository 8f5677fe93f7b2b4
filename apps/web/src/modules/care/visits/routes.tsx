import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../../components/RequirePermission';

const WorklistPage = lazy(() => import('./pages/WorklistPage'));

export const visitsRoutes: RouteObject[] = [guardedRoute('care/worklist', 'care.visit.read', <WorklistPage />)];
