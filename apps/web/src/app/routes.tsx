import { Button, Result } from 'antd';
import { Link, type RouteObject } from 'react-router-dom';
import { useI18n } from '../i18n';
import { areasRoutes } from '../modules/areas/routes';
import { auditRoutes } from '../modules/audit/routes';
import { authRoutes } from '../modules/auth/routes';
import { careRoutes } from '../modules/care/routes';
import { care2Routes } from '../modules/care/ledger/routes';
import { care3Routes } from '../modules/care/ops/routes';
import { homeRoutes } from '../modules/home/routes';
import { profileRoutes } from '../modules/profile/routes';
import { usersRoutes } from '../modules/users/routes';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './AuthGuard';
import { CrashFallback } from './ErrorBoundary';

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}

function RouteError() {
  return <CrashFallback onReset={() => window.location.reload()} />;
}

/** The route table: public auth routes, then the signed-in shell with one entry per module. */
export const routes: RouteObject[] = [
  ...authRoutes,
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          ...homeRoutes,
          ...careRoutes,
          ...care2Routes,
          ...care3Routes,
          ...profileRoutes,
          ...areasRoutes,
          ...usersRoutes,
          ...auditRoutes,
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
].map((route) => ({ ...route, errorElement: <RouteError /> }));
