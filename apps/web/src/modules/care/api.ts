import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type {
  AssessmentInput,
  AssessmentResult,
  ClientCategory,
  ClientDetail,
  ClientInput,
  ClientList,
  ClientStatus,
  DuplicateWarnings,
  OkResponse,
  OverdueQueue,
  RecordVisitInput,
  RecordVisitResult,
  RevealInput,
  RevealResult,
  Tier,
  TierApproval,
  Worklist,
} from '../../lib/types';

export interface ClientFilters {
  q?: string;
  communityCode?: string;
  gridCode?: string;
  tier?: Tier;
  category?: ClientCategory;
  status?: ClientStatus;
  overdue?: boolean;
}

export type WorklistScope = 'mine' | 'area';

export const careKeys = {
  all: ['care'] as const,
  clients: ['care', 'clients'] as const,
  list: (filters: ClientFilters, page: number, pageSize: number) => ['care', 'clients', 'list', filters, page, pageSize] as const,
  detail: (id: string) => ['care', 'clients', 'detail', id] as const,
  worklist: (scope: WorklistScope) => ['care', 'worklist', scope] as const,
  approvals: ['care', 'tier-approvals'] as const,
  overdue: ['care', 'overdue'] as const,
};

const clientPath = (id: string, suffix = '') => `/care/clients/${encodeURIComponent(id)}${suffix}`;

export function useClients(filters: ClientFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: careKeys.list(filters, page, pageSize),
    queryFn: () =>
      api.get<ClientList>('/care/clients', { ...filters, overdue: filters.overdue ? 'true' : undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useClient(id: string) {
  return useQuery({ queryKey: careKeys.detail(id), queryFn: () => api.get<ClientDetail>(clientPath(id)) });
}

export function useWorklist(scope: WorklistScope) {
  return useQuery({ queryKey: careKeys.worklist(scope), queryFn: () => api.get<Worklist>('/care/worklist', { scope }) });
}

export function useTierApprovals() {
  return useQuery({ queryKey: careKeys.approvals, queryFn: () => api.get<{ items: TierApproval[] }>('/care/tier-approvals') });
}

export function useOverdueQueue() {
  return useQuery({ queryKey: careKeys.overdue, queryFn: () => api.get<OverdueQueue>('/care/overdue') });
}

/** Care data is interlinked (tiers drive visits, visits drive overdue counts): every change refreshes all of it. */
function useCareMutation<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: careKeys.all }),
  });
}

export const useCreateClient = () => useCareMutation((input: ClientInput) => api.post<ClientDetail>('/care/clients', input));
export const useAssessClient = () =>
  useCareMutation(({ id, ...input }: AssessmentInput & { id: string }) => api.post<AssessmentResult>(clientPath(id, '/assessments'), input));
export const useDecideTier = () =>
  useCareMutation(({ id, ...input }: { id: string; approve: boolean; note?: string }) =>
    api.post<OkResponse>(`/care/tier-approvals/${encodeURIComponent(id)}`, input),
  );
export const useRecordVisit = () =>
  useCareMutation(({ id, ...input }: RecordVisitInput & { id: string }) =>
    api.post<RecordVisitResult>(`/care/visits/${encodeURIComponent(id)}/record`, input),
  );

export type DuplicateCheckInput = Pick<ClientInput, 'name' | 'idNumber' | 'phone' | 'birthDate' | 'communityCode'>;

/** Early duplicate warning while the form is filled in; a plain call, nothing cached. */
export function checkDuplicates(input: DuplicateCheckInput) {
  return api.post<DuplicateWarnings>('/care/clients/duplicates', input);
}

/**
 * Reveals one full value. Deliberately a plain call, not a query or mutation: the value lives only in the
 * reveal modal's state and is gone when the modal closes.
 */
export function revealClientField(id: string, input: RevealInput) {
  return api.post<RevealResult>(clientPath(id, '/reveal'), input);
}
