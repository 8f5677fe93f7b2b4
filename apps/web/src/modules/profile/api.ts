import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { OkResponse, SessionSummary, TotpSetup } from '../../lib/types';
import { defineMutation } from '../../lib/use-api-mutation';
import { sessionKey } from '../auth';

export const profileKeys = { sessions: ['me', 'sessions'] as const };

export function useMySessions() {
  return useQuery({
    queryKey: profileKeys.sessions,
    queryFn: () => api.get<{ items: SessionSummary[] }>('/me/sessions'),
  });
}

export const useEndOtherSessions = defineMutation({
  mutationFn: () => api.del<OkResponse>('/me/sessions'),
  invalidates: [profileKeys.sessions],
});

/** Ends every session, this one included: the caller sends the user to the login page. */
export const useChangePassword = defineMutation({
  mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<OkResponse>('/me/password', input),
});

/** Starts (or restarts) TOTP enrolment: the secret is shown once and kept in this mutation's state only. */
export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/me/totp/setup') });
}

export const useTotpConfirm = defineMutation({
  mutationFn: (code: string) => api.post<OkResponse>('/me/totp/confirm', { code }),
  invalidates: [sessionKey],
});
