import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../../../components/Loading';

const SupermarketPage = lazy(() => import('./SupermarketPage'));

const page = (element: ReactNode) => <Suspense fallback={<Loading minHeight={120} />}>{element}</Suspense>;

/** The supermarket module's pages on /m (mounted by the residents module's mobile entry, behind its sign-in). */
export const supermarketMobileRoutes: RouteObject[] = [{ path: 'supermarket', element: page(<SupermarketPage />) }];
