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
  // A resident's account has no staff pages: its home is the mobile entry.
  if (data.roles.includes('resident')) return <Navigate to="/m" replace />;
  // A partner member's home is its referral inbox (the staff 工作台 reads care data it may not see).
  if (data.roles.includes('partner_member') && location.pathname === '/')
    return <Navigate to="/partner/referrals" replace />;
  return (
    <PermissionsProvider permissions={data.permissions}>
      <Outlet />
    </PermissionsProvider>
  );
}
