import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { OkResponse, SessionSummary, TotpSetup } from '../../lib/types';
import { sessionKey } from '../auth/api';

export const profileKeys = { sessions: ['me', 'sessions'] as const };

export function useMySessions() {
  return useQuery({
    queryKey: profileKeys.sessions,
    queryFn: () => api.get<{ items: SessionSummary[] }>('/me/sessions'),
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.del<OkResponse>('/me/sessions'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKeys.sessions }),
  });
}

/** Ends every session, this one included: the caller sends the user to the login page. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<OkResponse>('/me/password', input),
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/me/totp/setup') });
}

export function useTotpConfirm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<OkResponse>('/me/totp/confirm', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
}
