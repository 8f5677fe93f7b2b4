import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../../../components/Loading';

const MyPointsPage = lazy(() => import('./MyPointsPage'));

const page = (element: ReactNode) => <Suspense fallback={<Loading minHeight={120} />}>{element}</Suspense>;

/** The points module's pages on /m (mounted by the residents module's mobile entry, behind its sign-in). */
export const pointMobileRoutes: RouteObject[] = [{ path: 'points', element: page(<MyPointsPage />) }];
