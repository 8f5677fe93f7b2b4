import { useMemo } from 'react';
import { usePermission } from '../../../components/Can';
import { useSession } from '../../auth';
import { useAreaTree } from '../../areas';

export interface AreaOption {
  value: string;
  label: string;
}

/** Communities of the session's jurisdiction and their grids, for pickers; plus a code → name lookup. */
export function useCareAreas() {
  const session = useSession();
  const tree = useAreaTree(usePermission('area.read'));
  return useMemo(() => {
    const items = (tree.data?.items ?? []).filter((a) => a.status === 'active');
    const names = new Map<string, string>(items.map((a) => [a.code, a.name]));
    for (const a of session.areas) names.set(a.code, a.name);
    const communitySource = items.length
      ? items.filter((a) => a.level === 'community')
      : session.areas.filter((a) => a.level === 'community');
    const communities: AreaOption[] = communitySource.map((a) => ({ value: a.code, label: a.name }));
    const gridsOf = (communityCode: string | undefined): AreaOption[] =>
      communityCode
        ? items
            .filter((a) => a.level === 'grid' && a.parentCode === communityCode)
            .map((a) => ({ value: a.code, label: a.name }))
        : [];
    return {
      communities,
      gridsOf,
      nameOf: (code: string | null | undefined) => (code ? (names.get(code) ?? code) : '—'),
      loading: tree.isPending && tree.fetchStatus !== 'idle',
    };
  }, [tree.data, tree.isPending, tree.fetchStatus, session.areas]);
}
