import { Button, Result } from 'antd';
import { Link, type RouteObject } from 'react-router-dom';
import { useI18n } from '../i18n';
import { areasRoutes } from '../modules/areas';
import { auditRoutes } from '../modules/audit';
import { authRoutes } from '../modules/auth';
import { careRoutes } from '../modules/care';
import { homeRoutes } from '../modules/home';
import { profileRoutes } from '../modules/profile';
import { mobileRoutes } from '../modules/residents';
import { usersRoutes } from '../modules/users';
import { AppLayout } from './AppLayout';
import { discoveredModules } from './module-registry';
import { RequireAuth } from './AuthGuard';
import { DocumentTitle } from './DocumentTitle';
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

/** The pages: public auth routes, then the signed-in shell with one entry per module. */
const pages: RouteObject[] = [
  ...authRoutes,
  // The residents' mobile entry: its own layout and sign-in, outside the staff shell.
  ...mobileRoutes,
  // Modules' public pages (no sign-in), e.g. the certificate check /verify/:code.
  ...discoveredModules.flatMap((m) => m.publicRoutes ?? []),
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          ...homeRoutes,
          ...careRoutes,
          ...profileRoutes,
          ...areasRoutes,
          ...usersRoutes,
          ...auditRoutes,
          ...discoveredModules.flatMap((m) => m.routes),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
].map((route) => ({ ...route, errorElement: <RouteError /> }));

/** The route table under the root, which names each page in the browser tab. */
export const routes: RouteObject[] = [{ element: <DocumentTitle />, errorElement: <RouteError />, children: pages }];
