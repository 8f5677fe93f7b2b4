import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../../app/AuthGuard';
import type { Permission } from '../../../lib/types';

const LedgerImportPage = lazy(() => import('./LedgerImportPage'));
const ExportRequestsPage = lazy(() => import('./ExportRequestsPage'));
const CaseListPage = lazy(() => import('../cases/CaseListPage'));
const CaseDetailPage = lazy(() => import('../cases/CaseDetailPage'));

const guarded = (permission: Permission, page: ReactNode) => <RequirePermission permission={permission}>{page}</RequirePermission>;

/** Ledger import, export approvals and cases (kept apart from ../routes.tsx). */
export const care2Routes: RouteObject[] = [
  { path: 'care/import', element: guarded('care.client.write', <LedgerImportPage />) },
  { path: 'care/exports', element: guarded('care.client.read', <ExportRequestsPage />) },
  { path: 'care/cases', element: guarded('care.client.read', <CaseListPage />) },
  { path: 'care/cases/:id', element: guarded('care.client.read', <CaseDetailPage />) },
];
