import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type { CaseApproval, CaseDetail, CasePlanInput, CaseStatus, CaseSummary } from '../shared/types';

const enc = encodeURIComponent;

export function useCases(status?: CaseStatus) {
  return useQuery({
    queryKey: [...CARE, 'cases', 'list', status ?? 'all'],
    queryFn: () => api.get<{ items: CaseSummary[] }>('/care/cases', { status }),
  });
}

/** Plans and closures waiting for the supervisor (待审批), or decided (已处理). */
export function useCaseApprovals(view: 'pending' | 'decided') {
  return useQuery({
    queryKey: [...CARE, 'cases', 'approvals', view],
    queryFn: () => api.get<{ items: CaseApproval[] }>('/care/case-approvals', { view }),
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: [...CARE, 'cases', 'detail', id],
    queryFn: () => api.get<CaseDetail>(`/care/cases/${enc(id)}`),
  });
}

export const useOpenCase = defineMutation({
  mutationFn: ({ clientId, plan }: { clientId: string; plan: CasePlanInput }) =>
    api.post<CaseDetail>(`/care/clients/${enc(clientId)}/cases`, plan),
  invalidates: CARE_CHANGES,
});

export const useRevisePlan = defineMutation({
  mutationFn: ({ id, plan }: { id: string; plan: CasePlanInput }) =>
    api.put<CaseDetail>(`/care/cases/${enc(id)}/plan`, plan),
  invalidates: CARE_CHANGES,
});

export type CaseStep = 'plan-decision' | 'close' | 'closure-decision' | 'reopen';

/** One call for every case transition: decisions send {approve, note}; close and reopen send {reason}. */
export const useCaseStep = defineMutation({
  mutationFn: ({
    id,
    step,
    body,
  }: {
    id: string;
    step: CaseStep;
    body: { approve: boolean; note?: string } | { reason: string };
  }) => api.post<CaseDetail>(`/care/cases/${enc(id)}/${step}`, body),
  invalidates: CARE_CHANGES,
});
