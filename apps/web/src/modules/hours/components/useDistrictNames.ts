import { useQueries } from '@tanstack/react-query';
import { usePermission } from '../../../components/Can';
import { api } from '../../../lib/api-client';
import type { AreaDetail } from '../../../lib/types';
import { useSession } from '../../auth';
import { useAreaTree } from '../../areas';

export const districtOf = (code: string) => code.slice(0, 6).padEnd(12, '0');

/**
 * The districts of the caller's areas, and their names: from the session and the area tree when the district is in
 * the jurisdiction, else from the path of one of the caller's own areas in it (a community worker's district).
 */
export function useDistrictNames() {
  const session = useSession();
  const canRead = usePermission('area.read');
  const tree = useAreaTree(canRead);
  const names = new Map<string, string>();
  for (const a of [...session.areas, ...(tree.data?.items ?? [])]) names.set(a.code, a.name);
  const districts = [...new Set(session.areas.map((a) => districtOf(a.code)))];
  const missing = districts.filter((d) => !names.has(d));
  const paths = useQueries({
    queries: missing.map((d) => {
      const own = session.areas.find((a) => districtOf(a.code) === d)!.code;
      return {
        queryKey: ['areas', 'detail', own],
        queryFn: () => api.get<AreaDetail>(`/areas/${encodeURIComponent(own)}`),
        enabled: canRead && !tree.isLoading,
        staleTime: 60_000,
      };
    }),
  });
  for (const q of paths) for (const p of q.data?.path ?? []) if (!names.has(p.code)) names.set(p.code, p.name);
  return { districts, nameOf: (code: string) => names.get(code) ?? code };
}
