import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../../components/RequirePermission';

const CaseListPage = lazy(() => import('./pages/CaseListPage'));
const CaseDetailPage = lazy(() => import('./pages/CaseDetailPage'));
const CaseApprovalsPage = lazy(() => import('./pages/CaseApprovalsPage'));

export const casesRoutes: RouteObject[] = [
  guardedRoute('care/cases', 'care.client.read', <CaseListPage />),
  guardedRoute('care/cases/:id', 'care.client.read', <CaseDetailPage />),
  guardedRoute('care/case-approvals', 'care.case.approve', <CaseApprovalsPage />),
];
