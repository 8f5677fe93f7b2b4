import { useEffect } from 'react';
import { Navigate, Outlet } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useSessionQuery } from '../../auth';
import { useResidentProfile } from '../api';
import { useElderMode } from './elder-mode';

/** /m pages past sign-in: a resident's session, else the /m sign-in page. The account's 适老化 choice applies. */
export function RequireResident() {
  const session = useSessionQuery();
  const resident = session.data?.roles.includes('resident') ?? false;
  const profile = useResidentProfile(resident);
  const elder = useElderMode();
  const saved = profile.data?.elderMode;
  useEffect(() => {
    if (saved !== undefined) elder.set(saved);
    // Once per answer from the server: the account's stored choice wins over this browser's.
  }, [saved]);
  if (session.isPending) return <Loading minHeight="50vh" />;
  if (session.error) return <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />;
  if (!resident) return <Navigate to="/m/login" replace />;
  return <Outlet />;
}
