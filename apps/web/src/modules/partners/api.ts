import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  PartnerAccount,
  PartnerAccountCreateInput,
  PartnerAccountCredentials,
  PartnerAccountList,
  PartnerOrganisation,
  PartnerReferral,
  PartnerReferralList,
} from '@linli/contracts/modules/partners';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const enc = encodeURIComponent;
const INBOX = ['partner', 'referrals'] as const;
const ACCOUNTS = ['partners', 'accounts'] as const;

export type ReferralStatus = PartnerReferral['status'];

export function usePartnerOrganisation() {
  return useQuery({
    queryKey: ['partner', 'organisation'],
    queryFn: () => api.get<PartnerOrganisation>('/partner/organisation'),
  });
}

export function usePartnerReferrals(filter: { status?: ReferralStatus | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...INBOX, 'list', filter],
    queryFn: () => api.get<PartnerReferralList>('/partner/referrals', filter),
    placeholderData: keepPreviousData,
  });
}

export function usePartnerReferral(id: string) {
  return useQuery({
    queryKey: [...INBOX, 'detail', id],
    queryFn: () => api.get<PartnerReferral>(`/partner/referrals/${enc(id)}`),
  });
}

export type PartnerAnswer =
  | { step: 'accept'; body: { version: number; note?: string } }
  | { step: 'decline'; body: { version: number; reason: string } }
  | { step: 'report'; body: { version: number; report: string } };

export const usePartnerAnswer = defineMutation({
  mutationFn: ({ id, step, body }: PartnerAnswer & { id: string }) =>
    api.post<PartnerReferral>(`/partner/referrals/${enc(id)}/${step}`, body),
  invalidates: [INBOX],
});

/** The register's organisations matching a search (the organisations module's directory). */
export interface OrganisationOption {
  id: string;
  name: string;
  kind: string;
  areaName?: string | null;
}

export function useOrganisationSearch(q: string) {
  return useQuery({
    queryKey: ['organisations', 'search', q],
    queryFn: () =>
      api.get<{ items: OrganisationOption[] }>('/organisations', { q: q || undefined, status: 'active', pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function usePartnerAccounts(filter: { organisationId?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ACCOUNTS, filter],
    queryFn: () => api.get<PartnerAccountList>('/partners/accounts', filter),
    placeholderData: keepPreviousData,
  });
}

export const useCreatePartnerAccount = defineMutation({
  mutationFn: (input: PartnerAccountCreateInput) => api.post<PartnerAccountCredentials>('/partners/accounts', input),
  invalidates: [ACCOUNTS],
});

export const useSetPartnerAccountStatus = defineMutation({
  mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
    api.post<PartnerAccount>(`/partners/accounts/${enc(id)}/status`, { enabled }),
  invalidates: [ACCOUNTS],
});

export const useResetPartnerPassword = defineMutation({
  mutationFn: (id: string) => api.post<PartnerAccountCredentials>(`/partners/accounts/${enc(id)}/reset-password`),
  invalidates: [ACCOUNTS],
});
