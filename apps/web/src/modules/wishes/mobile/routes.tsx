import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../../../components/Loading';

const MyWishesPage = lazy(() => import('./MyWishesPage'));
const PostWishPage = lazy(() => import('./PostWishPage'));
const WallPage = lazy(() => import('./WallPage'));

const page = (element: ReactNode) => <Suspense fallback={<Loading minHeight={120} />}>{element}</Suspense>;

/** The resident's wish pages on /m (mounted by the residents module's mobile entry, behind its sign-in). */
export const wishMobileRoutes: RouteObject[] = [
  { path: 'wishes', element: page(<MyWishesPage />) },
  { path: 'wishes/new', element: page(<PostWishPage />) },
  { path: 'wishes/wall', element: page(<WallPage />) },
];
