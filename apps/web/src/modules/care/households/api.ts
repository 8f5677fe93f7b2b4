import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type { ClientDetail, Household, HouseholdInput } from '../shared/types';

const enc = encodeURIComponent;

export function useHousehold(id: string | null | undefined) {
  return useQuery({
    queryKey: [...CARE, 'households', id ?? ''],
    queryFn: () => api.get<Household>(`/care/households/${enc(id ?? '')}`),
    enabled: !!id,
  });
}

/** Creates a household (when no id is given) and puts the client in it. */
export const useJoinHousehold = defineMutation({
  mutationFn: async ({
    client,
    householdId,
    input,
  }: {
    client: ClientDetail;
    householdId?: string;
    input?: HouseholdInput;
  }) => {
    const id = householdId ?? (await api.post<Household>('/care/households', input)).id;
    return api.patch<ClientDetail>(`/care/clients/${enc(client.id)}`, { version: client.version, householdId: id });
  },
  invalidates: CARE_CHANGES,
});
