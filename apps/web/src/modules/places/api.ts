import { useQuery } from '@tanstack/react-query';
import type { PlacesItem, PlacesItemInput, PlacesItemList } from '@linli/contracts/modules/places';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const keys = { all: ['places'] as const, list: (page: number) => ['places', 'list', page] as const };

export function usePlacesItems(page: number) {
  return useQuery({ queryKey: keys.list(page), queryFn: () => api.get<PlacesItemList>('/places/items', { page, pageSize: 20 }) });
}

export const useCreatePlacesItem = defineMutation({
  mutationFn: (input: PlacesItemInput) => api.post<PlacesItem>('/places/items', input),
  invalidates: [keys.all],
});
