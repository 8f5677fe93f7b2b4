import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../../../components/Loading';

const MyHoursPage = lazy(() => import('./MyHoursPage'));

const page = (element: ReactNode) => <Suspense fallback={<Loading minHeight={120} />}>{element}</Suspense>;

/** The hours module's pages on /m (mounted by the residents module's mobile entry, behind its sign-in). */
export const hourMobileRoutes: RouteObject[] = [{ path: 'hours', element: page(<MyHoursPage />) }];
