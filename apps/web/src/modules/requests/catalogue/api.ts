import { useQuery } from '@tanstack/react-query';
import type {
  CategoryCreateInput,
  CategoryUpdateInput,
  RequestCategory,
  RequestCategoryList,
  RoutingResolution,
  RoutingRule,
  RoutingRuleCreateInput,
  RoutingRuleList,
} from '@linli/contracts/modules/requests';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';

const BASE = '/requests/catalogue';
export const catalogueKeys = {
  all: ['requests', 'catalogue'] as const,
  categories: (includeInactive: boolean) => ['requests', 'catalogue', 'categories', includeInactive] as const,
  rules: (categoryId: string | undefined) => ['requests', 'catalogue', 'rules', categoryId ?? ''] as const,
  resolve: (communityCode: string, categoryId: string) =>
    ['requests', 'catalogue', 'resolve', communityCode, categoryId] as const,
};
/** The intake forms' category lists (../categories.ts) are refreshed by a catalogue edit too. */
const INTAKE_CATEGORIES = ['requests', 'categories'] as const;

/** The catalogue of the district holding the caller's current area. */
export function useCatalogue(includeInactive: boolean) {
  return useQuery({
    queryKey: catalogueKeys.categories(includeInactive),
    queryFn: () =>
      api.get<RequestCategoryList>(`${BASE}/categories`, { includeInactive: includeInactive ? 'true' : 'false' }),
  });
}

export const useCreateCategory = defineMutation({
  mutationFn: (input: CategoryCreateInput) => api.post<RequestCategory>(`${BASE}/categories`, input),
  invalidates: [catalogueKeys.all, INTAKE_CATEGORIES],
});
export const useUpdateCategory = defineMutation({
  mutationFn: ({ id, input }: { id: string; input: CategoryUpdateInput }) =>
    api.put<RequestCategory>(`${BASE}/categories/${id}`, input),
  invalidates: [catalogueKeys.all, INTAKE_CATEGORIES],
});
export const useSetCategoryActive = defineMutation({
  mutationFn: ({ id, active, version }: { id: string; active: boolean; version: number }) =>
    api.post<RequestCategory>(`${BASE}/categories/${id}/status`, { active, version }),
  invalidates: [catalogueKeys.all, INTAKE_CATEGORIES],
});

export function useRoutingRules(categoryId: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.rules(categoryId),
    queryFn: () => api.get<RoutingRuleList>(`${BASE}/rules`, categoryId ? { categoryId } : undefined),
  });
}
export const useCreateRule = defineMutation({
  mutationFn: (input: RoutingRuleCreateInput) => api.post<RoutingRule>(`${BASE}/rules`, input),
  invalidates: [catalogueKeys.all],
});
export const useDeleteRule = defineMutation({
  mutationFn: (id: string) => api.del<{ id: string }>(`${BASE}/rules/${id}`),
  invalidates: [catalogueKeys.all],
});

/** Where a request of the category in the community would go now. */
export function useResolvePreview(communityCode: string | undefined, categoryId: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.resolve(communityCode ?? '', categoryId ?? ''),
    queryFn: () =>
      api.get<RoutingResolution>(`${BASE}/resolve`, { communityCode: communityCode!, categoryId: categoryId! }),
    enabled: Boolean(communityCode && categoryId),
  });
}
