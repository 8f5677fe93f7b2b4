import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { OkResponse, Role, UserCreateInput, UserDetail, UserList, UserUpdateInput } from '../../lib/types';

export interface UserFilters {
  q?: string;
  areaCode?: string;
  role?: Role;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters, page: number, pageSize: number) => ['users', 'list', filters, page, pageSize] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export function useUsers(filters: UserFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: userKeys.list(filters, page, pageSize),
    queryFn: () => api.get<UserList>('/users', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: () => api.get<UserDetail>(`/users/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

/** Every user mutation refreshes lists and details, since status, roles and areas show in both. */
function useUserMutation<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

const path = (id: string, suffix = '') => `/users/${encodeURIComponent(id)}${suffix}`;

export const useCreateUser = () => useUserMutation((input: UserCreateInput) => api.post<UserDetail>('/users', input));
export const useUpdateUser = () =>
  useUserMutation(({ id, ...input }: UserUpdateInput & { id: string }) => api.patch<UserDetail>(path(id), input));
export const useSetUserRoles = () =>
  useUserMutation(({ id, roles }: { id: string; roles: Role[] }) => api.put<UserDetail>(path(id, '/roles'), { roles }));
export const useSetUserStatus = () =>
  useUserMutation(({ id, enabled }: { id: string; enabled: boolean }) => api.post<unknown>(path(id, '/status'), { enabled }));
export const useUnlockUser = () => useUserMutation((id: string) => api.post<unknown>(path(id, '/unlock')));
export const useResetUserPassword = () =>
  useUserMutation(({ id, newPassword }: { id: string; newPassword: string }) =>
    api.post<unknown>(path(id, '/reset-password'), { newPassword }),
  );
export const useEndUserSessions = () => useUserMutation((id: string) => api.del<OkResponse>(path(id, '/sessions')));
