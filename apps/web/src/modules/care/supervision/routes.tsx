import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../../components/RequirePermission';

const OverduePage = lazy(() => import('./pages/OverduePage'));
const CaseloadPage = lazy(() => import('./pages/CaseloadPage'));

export const supervisionRoutes: RouteObject[] = [
  guardedRoute('care/overdue', 'care.supervision.read', <OverduePage />),
  guardedRoute('care/caseload', 'care.caseload.manage', <CaseloadPage />),
];
