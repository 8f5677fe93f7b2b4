import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type {
  AssessmentInput,
  AssessmentResult,
  LatestAssessment,
  OkResponse,
  TierApproval,
  TierPolicy,
  TierPolicyRules,
  TierPolicyUpdateResult,
} from '../shared/types';

const enc = encodeURIComponent;

export function useTierApprovals(view: 'pending' | 'decided' = 'pending') {
  return useQuery({
    queryKey: [...CARE, 'tier-approvals', view],
    queryFn: () => api.get<{ items: TierApproval[] }>('/care/tier-approvals', { view }),
  });
}

/** The client's tier and latest assessment: the assessment form starts from its scores. */
export function useLatestAssessment(clientId: string) {
  return useQuery({
    queryKey: [...CARE, 'clients', clientId, 'assessments', 'latest'],
    queryFn: () => api.get<LatestAssessment>(`/care/clients/${enc(clientId)}/assessments/latest`),
  });
}

export function usePolicy(code: string | undefined) {
  return useQuery({
    queryKey: [...CARE, 'policies', code ?? ''],
    queryFn: () => api.get<TierPolicy>(`/care/policies/${enc(code ?? '')}`),
    enabled: !!code,
  });
}

export const useAssessClient = defineMutation({
  mutationFn: ({ id, ...input }: AssessmentInput & { id: string }) =>
    api.post<AssessmentResult>(`/care/clients/${enc(id)}/assessments`, input),
  invalidates: CARE_CHANGES,
});

export const useDecideTier = defineMutation({
  mutationFn: ({ id, ...input }: { id: string; approve: boolean; note?: string }) =>
    api.post<OkResponse>(`/care/tier-approvals/${enc(id)}`, input),
  invalidates: CARE_CHANGES,
});

export const useSavePolicy = defineMutation({
  mutationFn: ({ code, rules }: { code: string; rules: TierPolicyRules }) =>
    api.put<TierPolicyUpdateResult>(`/care/policies/${enc(code)}`, { rules }),
  invalidates: CARE_CHANGES,
});
