import { useQuery } from '@tanstack/react-query';
import type { Open311Key, Open311KeyCreated, Open311KeyInput, Open311KeyList } from '@linli/contracts/modules/open311';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const keys = { all: ['open311', 'keys'] as const, list: (page: number) => ['open311', 'keys', page] as const };

export function useOpen311Keys(page: number) {
  return useQuery({
    queryKey: keys.list(page),
    queryFn: () => api.get<Open311KeyList>('/open311/keys', { page, pageSize: 20 }),
  });
}

export const useIssueOpen311Key = defineMutation({
  mutationFn: (input: Open311KeyInput) => api.post<Open311KeyCreated>('/open311/keys', input),
  invalidates: [keys.all],
});

export const useRevokeOpen311Key = defineMutation({
  mutationFn: (id: string) => api.post<Open311Key>(`/open311/keys/${id}/revoke`),
  invalidates: [keys.all],
});
