import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ClientTimelinePage, ClientUpdateInput as ClientUpdateInputSchema } from '@linli/contracts';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type {
  ClientCategory,
  ClientDetail,
  ClientInput,
  ClientList,
  ClientMerge,
  ClientStatus,
  ClientStatusInput,
  DuplicateWarnings,
  RevealInput,
  RevealResult,
  Tier,
} from '../shared/types';

export interface ClientFilters {
  q?: string;
  communityCode?: string;
  gridCode?: string;
  tier?: Tier;
  category?: ClientCategory;
  status?: ClientStatus;
  overdue?: 'true' | 'false';
}

export const clientKeys = {
  list: (filters: ClientFilters, page: number, pageSize: number) =>
    [...CARE, 'clients', 'list', filters, page, pageSize] as const,
  detail: (id: string) => [...CARE, 'clients', 'detail', id] as const,
};

const enc = encodeURIComponent;
const clientPath = (id: string, suffix = '') => `/care/clients/${enc(id)}${suffix}`;

export function useClients(filters: ClientFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: clientKeys.list(filters, page, pageSize),
    queryFn: () => api.get<ClientList>('/care/clients', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useClient(id: string) {
  return useQuery({ queryKey: clientKeys.detail(id), queryFn: () => api.get<ClientDetail>(clientPath(id)) });
}

/** An edit: only the fields that changed, with the version the form started from (a stale one answers 409). */
export type ClientUpdateInput = (typeof ClientUpdateInputSchema)['_zod']['output'];

export const useUpdateClient = defineMutation({
  mutationFn: ({ id, input }: { id: string; input: ClientUpdateInput }) =>
    api.patch<ClientDetail>(clientPath(id), input),
  invalidates: CARE_CHANGES,
});

/**
 * The client's older history, page by page after the detail's first page (`cursor`); nothing is fetched until the
 * user asks for more (`wanted`). Under the detail's key, so any care write refreshes it with the detail.
 */
export function useOlderTimeline(id: string, cursor: string | null, wanted: boolean) {
  return useInfiniteQuery({
    queryKey: [...clientKeys.detail(id), 'timeline', cursor],
    queryFn: ({ pageParam }) => api.get<ClientTimelinePage>(clientPath(id, '/timeline'), { before: pageParam }),
    initialPageParam: cursor ?? '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: wanted && cursor !== null,
  });
}

export const useCreateClient = defineMutation({
  mutationFn: (input: ClientInput) => api.post<ClientDetail>('/care/clients', input),
  invalidates: CARE_CHANGES,
});

export const useSetClientStatus = defineMutation({
  mutationFn: ({ clientId, input }: { clientId: string; input: ClientStatusInput }) =>
    api.post<unknown>(clientPath(clientId, '/status'), input),
  invalidates: CARE_CHANGES,
});

export const useMergeClient = defineMutation({
  mutationFn: ({ id, intoId, reason }: { id: string; intoId: string; reason: string }) =>
    api.post<ClientMerge>(clientPath(id, '/merge'), { intoId, reason }),
  invalidates: CARE_CHANGES,
});

export const useUndoMerge = defineMutation({
  mutationFn: (mergeId: string) => api.post<ClientMerge>(`/care/merges/${enc(mergeId)}/undo`),
  invalidates: CARE_CHANGES,
});

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
