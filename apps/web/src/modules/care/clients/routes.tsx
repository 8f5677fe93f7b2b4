import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { guardedRoute } from '../../../components/RequirePermission';

const ClientListPage = lazy(() => import('./pages/ClientListPage'));
const ClientNewPage = lazy(() => import('./pages/ClientNewPage'));
const ClientDetailPage = lazy(() => import('./pages/ClientDetailPage'));

export const clientsRoutes: RouteObject[] = [
  guardedRoute('care/clients', 'care.client.read', <ClientListPage />),
  guardedRoute('care/clients/new', 'care.client.write', <ClientNewPage />),
  guardedRoute('care/clients/:id', 'care.client.read', <ClientDetailPage />),
];
