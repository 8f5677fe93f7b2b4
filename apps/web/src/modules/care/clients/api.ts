import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
