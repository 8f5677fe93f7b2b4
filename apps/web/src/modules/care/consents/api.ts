import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type { Consent, ConsentInput } from '../shared/types';

const enc = encodeURIComponent;

export function useConsents(clientId: string) {
  return useQuery({
    queryKey: [...CARE, 'consents', clientId],
    queryFn: () => api.get<{ items: Consent[] }>(`/care/clients/${enc(clientId)}/consents`),
  });
}

export const useRecordConsent = defineMutation({
  mutationFn: ({ clientId, input }: { clientId: string; input: ConsentInput }) =>
    api.post<Consent>(`/care/clients/${enc(clientId)}/consents`, input),
  invalidates: CARE_CHANGES,
});

export const useRevokeConsent = defineMutation({
  mutationFn: (id: string) => api.post<Consent>(`/care/consents/${enc(id)}/revoke`),
  invalidates: CARE_CHANGES,
});
