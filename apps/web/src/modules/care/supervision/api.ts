import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { UserSummary } from '../../../lib/types';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type { CaseloadReassignInput, CaseloadReassignResult, Escalation, OverdueQueue } from '../shared/types';

export function useOverdueQueue() {
  return useQuery({ queryKey: [...CARE, 'overdue'], queryFn: () => api.get<OverdueQueue>('/care/overdue') });
}

export function useEscalations() {
  return useQuery({
    queryKey: [...CARE, 'escalations'],
    queryFn: () => api.get<{ items: Escalation[] }>('/care/escalations'),
  });
}

const WORKER_ROLES = ['community_worker', 'grid_worker', 'social_worker', 'community_supervisor'] as const;

/** Care staff in the session's scope (one page of 100 per role is plenty for a community). */
export function useCareWorkers(enabled: boolean) {
  return useQuery({
    queryKey: ['care-workers'],
    enabled,
    queryFn: async () => {
      const pages = await Promise.all(
        WORKER_ROLES.map((role) => api.get<{ items: UserSummary[] }>('/users', { role, page: 1, pageSize: 100 })),
      );
      const byId = new Map<string, UserSummary>();
      for (const page of pages) for (const u of page.items) byId.set(u.id, u);
      return [...byId.values()];
    },
  });
}

export const useReassignCaseload = defineMutation({
  mutationFn: (input: CaseloadReassignInput) => api.post<CaseloadReassignResult>('/care/caseload/reassign', input),
  invalidates: CARE_CHANGES,
});
