import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../components/RequirePermission';

const AuditLogPage = lazy(() => import('./pages/AuditLogPage'));

export const auditRoutes: RouteObject[] = [guardedRoute('audit', 'audit.read', <AuditLogPage />)];
