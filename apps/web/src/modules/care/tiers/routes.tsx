import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../../components/RequirePermission';

const TierApprovalsPage = lazy(() => import('./pages/TierApprovalsPage'));
const PolicyPage = lazy(() => import('./pages/PolicyPage'));

export const tiersRoutes: RouteObject[] = [
  guardedRoute('care/approvals', 'care.tier.approve', <TierApprovalsPage />),
  guardedRoute('care/policy', 'care.policy.manage', <PolicyPage />),
];
