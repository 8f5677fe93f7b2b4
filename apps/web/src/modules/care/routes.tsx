import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/AuthGuard';
import type { Permission } from '../../lib/types';

const WorklistPage = lazy(() => import('./pages/WorklistPage'));
const ClientListPage = lazy(() => import('./pages/ClientListPage'));
const ClientNewPage = lazy(() => import('./pages/ClientNewPage'));
const ClientDetailPage = lazy(() => import('./pages/ClientDetailPage'));
const TierApprovalsPage = lazy(() => import('./pages/TierApprovalsPage'));
const OverduePage = lazy(() => import('./pages/OverduePage'));

const guarded = (permission: Permission, page: ReactNode) => <RequirePermission permission={permission}>{page}</RequirePermission>;

export const careRoutes: RouteObject[] = [
  { path: 'care/worklist', element: guarded('care.visit.read', <WorklistPage />) },
  { path: 'care/clients', element: guarded('care.client.read', <ClientListPage />) },
  { path: 'care/clients/new', element: guarded('care.client.write', <ClientNewPage />) },
  { path: 'care/clients/:id', element: guarded('care.client.read', <ClientDetailPage />) },
  { path: 'care/approvals', element: guarded('care.tier.approve', <TierApprovalsPage />) },
  { path: 'care/overdue', element: guarded('care.supervision.read', <OverduePage />) },
];
