import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../../../components/Loading';

const OpenActivitiesPage = lazy(() => import('./OpenActivitiesPage'));
const ActivityPage = lazy(() => import('./ActivityPage'));
const MyActivitiesPage = lazy(() => import('./MyActivitiesPage'));
const CheckinPage = lazy(() => import('./CheckinPage'));
const LeadPage = lazy(() => import('./LeadPage'));
const LeadActivityPage = lazy(() => import('./LeadActivityPage'));

const page = (element: ReactNode) => <Suspense fallback={<Loading minHeight={120} />}>{element}</Suspense>;

/** The activities module's pages on /m (mounted by the residents module's mobile entry, behind its sign-in). */
export const activityMobileRoutes: RouteObject[] = [
  { path: 'activities', element: page(<OpenActivitiesPage />) },
  { path: 'activities/mine', element: page(<MyActivitiesPage />) },
  { path: 'activities/checkin', element: page(<CheckinPage />) },
  { path: 'activities/lead', element: page(<LeadPage />) },
  { path: 'activities/lead/:id', element: page(<LeadActivityPage />) },
  { path: 'activities/:id', element: page(<ActivityPage />) },
];
