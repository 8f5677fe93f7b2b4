import { useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LinkRequest,
  LinkRequestList,
  Notice,
  NoticeInput,
  NoticeList,
  PublicCommunityList,
  PublicNotice,
  PublicNoticeList,
  ResidentProfile,
} from '@linli/contracts/modules/residents';
import { api, setCsrfToken } from '../../lib/api-client';
import type { LoginResult, OkResponse } from '../../lib/types';
import { type ApiMutationOptions, defineMutation, useApiMutation } from '../../lib/use-api-mutation';
import { sessionKey } from '../auth';

const keys = {
  notices: ['residents', 'notices'] as const,
  links: ['residents', 'links'] as const,
  mine: ['residents', 'm'] as const,
};

// Staff pages.
export function useNotices(page: number) {
  return useQuery({ queryKey: [...keys.notices, page], queryFn: () => api.get<NoticeList>('/notices', { page }) });
}
export const useCreateNotice = defineMutation({
  mutationFn: (input: NoticeInput) => api.post<Notice>('/notices', input),
  invalidates: [keys.notices],
});
export const useUpdateNotice = defineMutation({
  mutationFn: ({ id, ...input }: { id: string; title: string; body: string }) =>
    api.put<Notice>(`/notices/${id}`, input),
  invalidates: [keys.notices],
});
export const usePublishNotice = defineMutation({
  mutationFn: ({ id, publish }: { id: string; publish: boolean }) =>
    api.post<Notice>(`/notices/${id}/${publish ? 'publish' : 'unpublish'}`),
  invalidates: [keys.notices],
});
export function useLinkRequests(page: number, status: string | undefined) {
  return useQuery({
    queryKey: [...keys.links, page, status],
    queryFn: () => api.get<LinkRequestList>('/residents/link-requests', { page, status }),
  });
}
export const useConfirmLink = defineMutation({
  mutationFn: ({ id, clientId }: { id: string; clientId: string }) =>
    api.post<LinkRequest>(`/residents/link-requests/${id}/confirm`, { clientId }),
  invalidates: [keys.links],
});
export const useRejectLink = defineMutation({
  mutationFn: ({ id, reason }: { id: string; reason: string }) =>
    api.post<LinkRequest>(`/residents/link-requests/${id}/reject`, { reason }),
  invalidates: [keys.links],
});

// The mobile entry /m.
export function useCommunities() {
  return useQuery({
    queryKey: ['residents', 'communities'],
    queryFn: () => api.get<PublicCommunityList>('/m/communities'),
    staleTime: 10 * 60_000,
  });
}
export const useRequestCode = defineMutation({
  mutationFn: (input: { phone: string; purpose: 'signup' | 'reset' }) =>
    api.post<OkResponse>('/m/codes', input, { skipCsrf: true }),
});
export const useResetPassword = defineMutation({
  mutationFn: (input: { phone: string; code: string; newPassword: string }) =>
    api.post<OkResponse>('/m/password-reset', input, { skipCsrf: true }),
});

/** Sign-up and sign-in answer like the staff login: the new session goes into the cache. */
export function useResidentSessionStep<TInput>(
  path: '/m/login' | '/m/signup',
  options?: ApiMutationOptions<LoginResult>,
) {
  const queryClient = useQueryClient();
  return useApiMutation(
    {
      mutationFn: async (input: TInput) => {
        const result = await api.post<LoginResult>(path, input, { skipCsrf: true });
        if (result.status === 'ok') {
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
          setCsrfToken(result.session.csrfToken);
          queryClient.setQueryData(sessionKey, result.session);
        }
        return result;
      },
    },
    options,
  );
}

export function useResidentProfile(enabled = true) {
  return useQuery({ queryKey: [...keys.mine, 'me'], queryFn: () => api.get<ResidentProfile>('/m/me'), enabled });
}
export const useSetElderMode = defineMutation({
  mutationFn: (elderMode: boolean) => api.put<ResidentProfile>('/m/me/preferences', { elderMode }),
  invalidates: [keys.mine],
});
export const useRequestLink = defineMutation({
  mutationFn: () => api.post<ResidentProfile>('/m/me/link-request'),
  invalidates: [keys.mine],
});
export function useResidentNotices(page = 1) {
  return useQuery({
    queryKey: [...keys.mine, 'notices', page],
    queryFn: () => api.get<PublicNoticeList>('/m/notices', { page }),
  });
}
export function useResidentNotice(id: string) {
  return useQuery({ queryKey: [...keys.mine, 'notice', id], queryFn: () => api.get<PublicNotice>(`/m/notices/${id}`) });
}
export const useChangePassword = defineMutation({
  mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<OkResponse>('/me/password', input),
});
