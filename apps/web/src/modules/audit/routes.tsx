import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/AuthGuard';

const AuditLogPage = lazy(() => import('./pages/AuditLogPage'));

export const auditRoutes: RouteObject[] = [
  {
    path: 'audit',
    element: (
      <RequirePermission permission="audit.read">
        <AuditLogPage />
      </RequirePermission>
    ),
  },
];
