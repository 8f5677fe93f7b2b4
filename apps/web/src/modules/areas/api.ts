import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { AreaChange, AreaDetail, AreaList, CatalogEntry, OkResponse } from '../../lib/types';
import { defineMutation } from '../../lib/use-api-mutation';

export const areaKeys = {
  all: ['areas'] as const,
  tree: ['areas', 'tree'] as const,
  detail: (code: string) => ['areas', 'detail', code] as const,
  history: (code: string) => ['areas', 'history', code] as const,
  catalog: (parentCode: string) => ['areas', 'catalog', parentCode] as const,
};

export function useAreaTree(enabled = true) {
  return useQuery({
    queryKey: areaKeys.tree,
    queryFn: () => api.get<AreaList>('/areas/tree'),
    enabled,
    staleTime: 60_000,
  });
}

export function useAreaDetail(code: string | null) {
  return useQuery({
    queryKey: areaKeys.detail(code ?? ''),
    queryFn: () => api.get<AreaDetail>(`/areas/${encodeURIComponent(code ?? '')}`),
    enabled: !!code,
  });
}

export function useAreaHistory(code: string | null) {
  return useQuery({
    queryKey: areaKeys.history(code ?? ''),
    queryFn: () => api.get<{ items: AreaChange[] }>(`/areas/${encodeURIComponent(code ?? '')}/history`),
    enabled: !!code,
  });
}

/** Children of a division-catalogue code, fetched on demand by the import cascader. */
export function fetchCatalog(parentCode: string) {
  return api.get<{ items: CatalogEntry[] }>('/areas/catalog', { parentCode });
}

const AREA_CHANGES = [areaKeys.all] as const;

export const useCreateArea = defineMutation({
  mutationFn: (input: { parentCode: string; name: string; code?: string }) => api.post<AreaDetail>('/areas', input),
  invalidates: AREA_CHANGES,
});

export const useRenameArea = defineMutation({
  mutationFn: ({ code, ...body }: { code: string; name: string; version: number }) =>
    api.patch<AreaDetail>(`/areas/${encodeURIComponent(code)}`, body),
  invalidates: AREA_CHANGES,
});

export const useMergeArea = defineMutation({
  mutationFn: ({ code, ...body }: { code: string; intoCode: string; version: number }) =>
    api.post<AreaDetail>(`/areas/${encodeURIComponent(code)}/merge`, body),
  invalidates: AREA_CHANGES,
});

export const useImportArea = defineMutation({
  mutationFn: (input: { code: string }) => api.post<OkResponse>('/areas/import', input),
  invalidates: AREA_CHANGES,
});
