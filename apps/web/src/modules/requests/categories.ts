import { useQuery } from '@tanstack/react-query';
import type { RequestCategoryList, ResidentCategoryList } from '@linli/contracts/modules/requests';
import { api } from '../../lib/api-client';
import type { CategoryQuestion } from './components/QuestionFields';

/** A category of the district's catalogue, current version, as the intake forms need it. */
export interface CategoryOption {
  id: string;
  code: string;
  name: string;
  group: string;
  description: string | null;
  questions: CategoryQuestion[];
}

/** Staff: the active categories of the district holding `communityCode` (the catalogue's list). */
export function useStaffCategories(communityCode: string | undefined) {
  return useQuery({
    queryKey: ['requests', 'categories', communityCode] as const,
    queryFn: async (): Promise<CategoryOption[]> =>
      (await api.get<RequestCategoryList>('/requests/catalogue/categories', { areaCode: communityCode })).items.filter(
        (c) => c.active,
      ),
    enabled: !!communityCode,
    staleTime: 5 * 60_000,
  });
}

/** A resident: the active categories of their own district. */
export function useResidentCategories() {
  return useQuery({
    queryKey: ['requests-m', 'categories'] as const,
    queryFn: async () => (await api.get<ResidentCategoryList>('/m/requests/categories')).items,
    staleTime: 5 * 60_000,
  });
}

/** Categories grouped for a picker, groups in first-seen order. */
export function groupCategories(items: readonly CategoryOption[]): { group: string; items: CategoryOption[] }[] {
  const groups = new Map<string, CategoryOption[]>();
  for (const c of items) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups].map(([group, list]) => ({ group, items: list }));
}
