import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CaseloadReassignInput as CaseloadReassignInputSchema,
  CaseloadReassignResult as CaseloadReassignResultSchema,
  ClientMerge as ClientMergeSchema,
  EscalationList as EscalationListSchema,
  Household as HouseholdSchema,
  HouseholdInput as HouseholdInputSchema,
  TierPolicy as TierPolicySchema,
  TierPolicyRules as TierPolicyRulesSchema,
  TierPolicyUpdateResult as TierPolicyUpdateResultSchema,
  UserList as UserListSchema,
} from '@linli/contracts';
import { api } from '../../../lib/api-client';
import type { ClientDetail } from '../../../lib/types';

/** z.infer without importing zod (same trick as lib/types.ts). */
type Infer<T extends { _zod: { output: unknown } }> = T['_zod']['output'];

export type Escalation = Infer<typeof EscalationListSchema>['items'][number];
export type ClientMerge = Infer<typeof ClientMergeSchema>;
export type Household = Infer<typeof HouseholdSchema>;
export type HouseholdInput = Infer<typeof HouseholdInputSchema>;
export type CaseloadReassignInput = Infer<typeof CaseloadReassignInputSchema>;
export type CaseloadReassignResult = Infer<typeof CaseloadReassignResultSchema>;
export type TierPolicy = Infer<typeof TierPolicySchema>;
export type TierPolicyRules = Infer<typeof TierPolicyRulesSchema>;
export type TierPolicyUpdateResult = Infer<typeof TierPolicyUpdateResultSchema>;
export type UserSummary = Infer<typeof UserListSchema>['items'][number];

const enc = encodeURIComponent;

/** Under ['care'] so every care change refreshes these too. */
export const opsKeys = {
  escalations: ['care', 'escalations'] as const,
  household: (id: string) => ['care', 'households', id] as const,
  policy: (code: string) => ['care', 'policies', code] as const,
  workers: ['care-workers'] as const,
};

export function useEscalations() {
  return useQuery({ queryKey: opsKeys.escalations, queryFn: () => api.get<{ items: Escalation[] }>('/care/escalations') });
}

export function useHousehold(id: string | null | undefined) {
  return useQuery({
    queryKey: opsKeys.household(id ?? ''),
    queryFn: () => api.get<Household>(`/care/households/${enc(id ?? '')}`),
    enabled: !!id,
  });
}

export function usePolicy(code: string | undefined) {
  return useQuery({
    queryKey: opsKeys.policy(code ?? ''),
    queryFn: () => api.get<TierPolicy>(`/care/policies/${enc(code ?? '')}`),
    enabled: !!code,
  });
}

const WORKER_ROLES = ['community_worker', 'grid_worker', 'social_worker', 'community_supervisor'] as const;

/** Care staff in the session's scope (one page of 100 per role is plenty for a community). */
export function useCareWorkers(enabled: boolean) {
  return useQuery({
    queryKey: opsKeys.workers,
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

function useCareChange<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['care'] }) });
}

export const useMergeClient = () =>
  useCareChange(({ id, intoId, reason }: { id: string; intoId: string; reason: string }) =>
    api.post<ClientMerge>(`/care/clients/${enc(id)}/merge`, { intoId, reason }),
  );
export const useUndoMerge = () => useCareChange((mergeId: string) => api.post<ClientMerge>(`/care/merges/${enc(mergeId)}/undo`));

/** Creates a household (when no id is given) and puts the client in it. */
export const useJoinHousehold = () =>
  useCareChange(async ({ client, householdId, input }: { client: ClientDetail; householdId?: string; input?: HouseholdInput }) => {
    const id = householdId ?? (await api.post<Household>('/care/households', input)).id;
    return api.patch<ClientDetail>(`/care/clients/${enc(client.id)}`, { version: client.version, householdId: id });
  });

export const useReassignCaseload = () =>
  useCareChange((input: CaseloadReassignInput) => api.post<CaseloadReassignResult>('/care/caseload/reassign', input));

export const useSavePolicy = () =>
  useCareChange(({ code, rules }: { code: string; rules: TierPolicyRules }) =>
    api.put<TierPolicyUpdateResult>(`/care/policies/${enc(code)}`, { rules }),
  );
