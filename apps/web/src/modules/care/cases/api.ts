import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type {
  CaseDetail,
  CasePlanInput,
  CaseStatus,
  CaseSummary,
  ClientStatusInput,
  Consent,
  ConsentInput,
  Referral,
  ReferralInput,
} from '../ledger/types';

/** Under ['care'] so any care change (and the care module's own refreshes) reach these too. */
export const caseKeys = {
  cases: (status?: CaseStatus) => ['care', 'cases', 'list', status ?? 'all'] as const,
  detail: (id: string) => ['care', 'cases', 'detail', id] as const,
  consents: (clientId: string) => ['care', 'consents', clientId] as const,
  referrals: (clientId: string) => ['care', 'referrals', clientId] as const,
};

const enc = encodeURIComponent;

export function useCases(status?: CaseStatus) {
  return useQuery({ queryKey: caseKeys.cases(status), queryFn: () => api.get<{ items: CaseSummary[] }>('/care/cases', { status }) });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api.get<CaseDetail>(`/care/cases/${enc(id)}`) });
}

export function useConsents(clientId: string) {
  return useQuery({ queryKey: caseKeys.consents(clientId), queryFn: () => api.get<{ items: Consent[] }>(`/care/clients/${enc(clientId)}/consents`) });
}

export function useReferrals(clientId: string) {
  return useQuery({ queryKey: caseKeys.referrals(clientId), queryFn: () => api.get<{ items: Referral[] }>('/care/referrals', { clientId }) });
}

function useCareChange<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['care'] }) });
}

export const useOpenCase = () =>
  useCareChange(({ clientId, plan }: { clientId: string; plan: CasePlanInput }) => api.post<CaseDetail>(`/care/clients/${enc(clientId)}/cases`, plan));
export const useRevisePlan = () =>
  useCareChange(({ id, plan }: { id: string; plan: CasePlanInput }) => api.put<CaseDetail>(`/care/cases/${enc(id)}/plan`, plan));

export type CaseStep = 'plan-decision' | 'close' | 'closure-decision' | 'reopen';
/** One call for every case transition: decisions send {approve, note}; close and reopen send {reason}. */
export const useCaseStep = () =>
  useCareChange(({ id, step, body }: { id: string; step: CaseStep; body: { approve: boolean; note?: string } | { reason: string } }) =>
    api.post<CaseDetail>(`/care/cases/${enc(id)}/${step}`, body),
  );

export const useRecordConsent = () =>
  useCareChange(({ clientId, input }: { clientId: string; input: ConsentInput }) => api.post<Consent>(`/care/clients/${enc(clientId)}/consents`, input));
export const useRevokeConsent = () => useCareChange((id: string) => api.post<Consent>(`/care/consents/${enc(id)}/revoke`));

export const useSendReferral = () =>
  useCareChange(({ clientId, input }: { clientId: string; input: ReferralInput }) => api.post<Referral>(`/care/clients/${enc(clientId)}/referrals`, input));

export type ReferralStep =
  | { step: 'respond'; body: { version: number; accepted: boolean; note?: string } }
  | { step: 'report'; body: { version: number; report: string } }
  | { step: 'withdraw'; body: { version: number; reason: string } };
export const useReferralStep = () =>
  useCareChange(({ id, step, body }: ReferralStep & { id: string }) => api.post<Referral>(`/care/referrals/${enc(id)}/${step}`, body));

export const useSetClientStatus = () =>
  useCareChange(({ clientId, input }: { clientId: string; input: ClientStatusInput }) => api.post<unknown>(`/care/clients/${enc(clientId)}/status`, input));
