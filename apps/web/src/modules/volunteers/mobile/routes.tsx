import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../../../components/Loading';

const RegisterPage = lazy(() => import('./RegisterPage'));
const MyRecordPage = lazy(() => import('./MyRecordPage'));
const CounterCodePage = lazy(() => import('./CounterCodePage'));
const LedTeamPage = lazy(() => import('./LedTeamPage'));

const page = (element: ReactNode) => <Suspense fallback={<Loading minHeight={120} />}>{element}</Suspense>;

/** The volunteers module's pages on /m (mounted by the residents module's mobile entry, behind its sign-in). */
export const volunteerMobileRoutes: RouteObject[] = [
  { path: 'volunteer', element: page(<MyRecordPage />) },
  { path: 'volunteer/register', element: page(<RegisterPage />) },
  { path: 'volunteer/code', element: page(<CounterCodePage />) },
  { path: 'volunteer/teams/:id', element: page(<LedTeamPage />) },
];
