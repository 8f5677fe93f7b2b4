import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type { Referral, ReferralInput } from '../shared/types';

const enc = encodeURIComponent;

export function useReferrals(clientId: string) {
  return useQuery({
    queryKey: [...CARE, 'referrals', clientId],
    queryFn: () => api.get<{ items: Referral[] }>('/care/referrals', { clientId }),
  });
}

export const useSendReferral = defineMutation({
  mutationFn: ({ clientId, input }: { clientId: string; input: ReferralInput }) =>
    api.post<Referral>(`/care/clients/${enc(clientId)}/referrals`, input),
  invalidates: CARE_CHANGES,
});

export type ReferralStep =
  | { step: 'respond'; body: { version: number; accepted: boolean; note?: string } }
  | { step: 'report'; body: { version: number; report: string } }
  | { step: 'withdraw'; body: { version: number; reason: string } };

export const useReferralStep = defineMutation({
  mutationFn: ({ id, step, body }: ReferralStep & { id: string }) =>
    api.post<Referral>(`/care/referrals/${enc(id)}/${step}`, body),
  invalidates: CARE_CHANGES,
});
