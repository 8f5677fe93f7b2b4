import { useQuery } from '@tanstack/react-query';
import type { Open311Item, Open311ItemInput, Open311ItemList } from '@linli/contracts/modules/open311';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const keys = { all: ['open311'] as const, list: (page: number) => ['open311', 'list', page] as const };

export function useOpen311Items(page: number) {
  return useQuery({ queryKey: keys.list(page), queryFn: () => api.get<Open311ItemList>('/open311/items', { page, pageSize: 20 }) });
}

export const useCreateOpen311Item = defineMutation({
  mutationFn: (input: Open311ItemInput) => api.post<Open311Item>('/open311/items', input),
  invalidates: [keys.all],
});
