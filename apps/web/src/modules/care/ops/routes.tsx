import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../../app/AuthGuard';
import type { Permission } from '../../../lib/types';

const CaseloadPage = lazy(() => import('./CaseloadPage'));
const PolicyPage = lazy(() => import('./PolicyPage'));

const guarded = (permission: Permission, page: ReactNode) => <RequirePermission permission={permission}>{page}</RequirePermission>;

/** Caseload handover and tier policy (kept apart from ../routes.tsx). */
export const care3Routes: RouteObject[] = [
  { path: 'care/caseload', element: guarded('care.caseload.manage', <CaseloadPage />) },
  { path: 'care/policy', element: guarded('care.policy.manage', <PolicyPage />) },
];
