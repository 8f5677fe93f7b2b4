import { useQuery } from '@tanstack/react-query';
import type { RequestsItem, RequestsItemInput, RequestsItemList } from '@linli/contracts/modules/requests';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const keys = { all: ['requests'] as const, list: (page: number) => ['requests', 'list', page] as const };

export function useRequestsItems(page: number) {
  return useQuery({ queryKey: keys.list(page), queryFn: () => api.get<RequestsItemList>('/requests/items', { page, pageSize: 20 }) });
}

export const useCreateRequestsItem = defineMutation({
  mutationFn: (input: RequestsItemInput) => api.post<RequestsItem>('/requests/items', input),
  invalidates: [keys.all],
});
