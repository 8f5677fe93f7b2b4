import { useQuery } from '@tanstack/react-query';
import type { WishesItem, WishesItemInput, WishesItemList } from '@linli/contracts/modules/wishes';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const keys = { all: ['wishes'] as const, list: (page: number) => ['wishes', 'list', page] as const };

export function useWishesItems(page: number) {
  return useQuery({ queryKey: keys.list(page), queryFn: () => api.get<WishesItemList>('/wishes/items', { page, pageSize: 20 }) });
}

export const useCreateWishesItem = defineMutation({
  mutationFn: (input: WishesItemInput) => api.post<WishesItem>('/wishes/items', input),
  invalidates: [keys.all],
});
