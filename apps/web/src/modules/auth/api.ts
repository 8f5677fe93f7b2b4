import { useRef } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../lib/api-client';
import { setSessionLostCode } from './session-notice';
import type { LoginResult, OkResponse, Permission, PublicConfig, SessionInfo } from '../../lib/types';

export const sessionKey = ['auth', 'session'] as const;
export const configKey = ['auth', 'config'] as const;

/**
 * The current session, or null when logged out. The probe always answers 200 (no failed request in the
 * console on a logged-out page); `expired` says a session timed out, so the login page can tell why.
 */
async function fetchSession(): Promise<SessionInfo | null> {
  const { session, expired } = await api.get<{ session: SessionInfo | null; expired: boolean }>('/auth/current');
  setCsrfToken(session?.csrfToken ?? null);
  if (!session && expired) setSessionLostCode('auth.session_expired');
  return session;
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** Stores a fresh session (login, area switch) in the cache and the client's CSRF slot. */
export function storeSession(queryClient: QueryClient, session: SessionInfo | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.setQueryData(sessionKey, session);
}

/**
 * Forgets every cached answer except the session entry itself. The session entry is kept (and then
 * overwritten) rather than removed, so mounted observers such as the auth guard see the change.
 */
function forgetUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
  queryClient.getMutationCache().clear();
}

/** Forgets everything cached for the previous user (logout, password change, expired session). */
export function dropSession(queryClient: QueryClient): void {
  storeSession(queryClient, null);
  forgetUserData(queryClient);
}

/**
 * Use only below the auth guard, where a session is known to exist. While the session is being dropped
 * (logout, expiry) the guard unmounts this subtree; until then the last session seen is returned.
 */
export function useSession(): SessionInfo {
  const { data } = useSessionQuery();
  const last = useRef(data);
  if (data) last.current = data;
  if (!last.current) throw new Error('useSession used outside an authenticated route');
  return last.current;
}

export function hasPermission(session: SessionInfo | null | undefined, permission: Permission): boolean {
  return !!session && session.permissions.includes(permission);
}

export function usePublicConfig() {
  return useQuery({
    queryKey: configKey,
    queryFn: () => api.get<PublicConfig>('/auth/config'),
    staleTime: 5 * 60_000,
  });
}

function useLoginStep<TInput>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) => api.post<LoginResult>(path, input, { skipCsrf: true }),
    onSuccess: (result) => {
      if (result.status === 'ok') {
        forgetUserData(queryClient);
        storeSession(queryClient, result.session);
      }
    },
  });
}

export const useLogin = () => useLoginStep<{ username: string; password: string }>('/auth/login');
export const useLoginTotp = () => useLoginStep<{ challengeId: string; code: string }>('/auth/login/totp');
export const useLoginPassword = () =>
  useLoginStep<{ challengeId: string; newPassword: string }>('/auth/login/password');

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // A poll still in flight (the bell's unread count) would come back 401 once the session is gone.
      await queryClient.cancelQueries();
      return api.post<OkResponse>('/auth/logout');
    },
    // Even if the server call fails (session already gone), the browser forgets the session.
    onSettled: () => dropSession(queryClient),
  });
}

export function useSetCurrentArea() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (areaCode: string | null) => api.put<SessionInfo>('/me/area', { areaCode }),
    onSuccess: (session) => {
      storeSession(queryClient, session);
      // Every area-scoped list must reload for the new view.
      queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' }).catch(() => undefined);
    },
  });
}
