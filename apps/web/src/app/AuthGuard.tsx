import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { PermissionsProvider } from '../components/Can';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useSessionQuery } from '../modules/auth';

/**
 * Routes below need a session; without one the user is sent to /login (the path is kept in history state). The
 * session's permissions are provided to everything below (Can, RequirePermission).
 */
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
  return (
    <PermissionsProvider permissions={data.permissions}>
      <Outlet />
    </PermissionsProvider>
  );
}
