import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../../../components/Loading';

const FileRequestPage = lazy(() => import('./FileRequestPage'));
const MyRequestsPage = lazy(() => import('./MyRequestsPage'));
const MyRequestPage = lazy(() => import('./MyRequestPage'));

const page = (element: ReactNode) => <Suspense fallback={<Loading minHeight={120} />}>{element}</Suspense>;

/** The resident's request pages on /m (mounted by the residents module's mobile entry, behind its sign-in). */
export const requestMobileRoutes: RouteObject[] = [
  { path: 'requests', element: page(<MyRequestsPage />) },
  { path: 'requests/new', element: page(<FileRequestPage />) },
  { path: 'requests/:id', element: page(<MyRequestPage />) },
];
