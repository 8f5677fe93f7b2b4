import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import type { Permission } from '../lib/types';
import { hasPermission, useSessionQuery } from '../modules/auth/api';

/** Routes below need a session; without one the user is sent to /login (the path is kept in history state). */
export function RequireAuth() {
  const { data, isPending, error, refetch } = useSessionQuery();
  const location = useLocation();
  if (isPending) return <Loading minHeight="100vh" />;
  if (error) {
    return (
      <div style={{ padding: 24 }}>
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}

/** Shows a 403 result instead of the page when the session lacks the permission. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data } = useSessionQuery();
  const { t } = useI18n();
  if (!hasPermission(data, permission)) return <Result status="403" title="403" subTitle={t('app.forbidden')} />;
  return <>{children}</>;
}
