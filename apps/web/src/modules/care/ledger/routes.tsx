import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../../components/RequirePermission';

const LedgerImportPage = lazy(() => import('./pages/LedgerImportPage'));

export const ledgerRoutes: RouteObject[] = [guardedRoute('care/import', 'care.client.write', <LedgerImportPage />)];
