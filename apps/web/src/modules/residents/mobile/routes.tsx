import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { Loading } from '../../../components/Loading';
import { requestMobileRoutes } from '../../requests';
import { wishMobileRoutes } from '../../wishes';
import { volunteerMobileRoutes } from '../../volunteers';
import { activityMobileRoutes } from '../../activities';
import { hourMobileRoutes } from '../../hours';
import { pointMobileRoutes } from '../../points';
import { supermarketMobileRoutes } from '../../supermarket';
import { MobileShell } from './MobileShell';
import { NoticeDetailPage, NoticesPage } from './NoticePages';
import { RequireResident } from './RequireResident';

const LoginPage = lazy(() => import('./LoginPage'));
const SignupPage = lazy(() => import('./SignupPage'));
const ResetPage = lazy(() => import('./ResetPage'));
const HomePage = lazy(() => import('./HomePage'));
const ProfilePage = lazy(() => import('./ProfilePage'));
const InboxPage = lazy(() => import('./InboxPage'));

const page = (element: ReactNode) => <Suspense fallback={<Loading minHeight={120} />}>{element}</Suspense>;

/**
 * The residents' mobile entry (/m), outside the staff shell: sign-in, sign-up and reset are open; the rest needs a
 * resident's session (RequireResident).
 */
export const mobileRoutes: RouteObject[] = [
  {
    path: '/m',
    element: <MobileShell />,
    children: [
      { path: 'login', element: page(<LoginPage />) },
      { path: 'signup', element: page(<SignupPage />) },
      { path: 'reset', element: page(<ResetPage />) },
      {
        element: <RequireResident />,
        children: [
          { index: true, element: page(<HomePage />) },
          { path: 'notices', element: <NoticesPage /> },
          { path: 'notices/:id', element: <NoticeDetailPage /> },
          { path: 'inbox', element: page(<InboxPage />) },
          { path: 'notifications', element: <Navigate to="/m/inbox" replace /> },
          { path: 'me', element: page(<ProfilePage />) },
          // 我要反映 / 我的诉求 (the requests module's pages).
          ...requestMobileRoutes,
          // 微心愿: post, my wishes, the wall (the wishes module's pages).
          ...wishMobileRoutes,
          // 志愿服务 (issue 12): registration and teams, activities and check-in, hours and the certificate, points,
          // the charity supermarket — each module's own pages.
          ...volunteerMobileRoutes,
          ...activityMobileRoutes,
          ...hourMobileRoutes,
          ...pointMobileRoutes,
          ...supermarketMobileRoutes,
        ],
      },
      { path: '*', element: <Navigate to="/m" replace /> },
    ],
  },
];
