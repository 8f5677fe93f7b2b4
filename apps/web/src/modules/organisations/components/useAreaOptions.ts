import { useMemo } from 'react';
import { usePermission } from '../../../components/Can';
import { useAreaTree } from '../../areas';
import { useSession } from '../../auth';

/** Communities and streets of the session's jurisdiction (a partner is held by one, and serves several). */
export function useAreaOptions() {
  const session = useSession();
  const tree = useAreaTree(usePermission('area.read'));
  return useMemo(() => {
    const source = tree.data?.items.length ? tree.data.items : session.areas;
    const items = source.filter(
      (a) => (a.level === 'community' || a.level === 'street') && (!('status' in a) || a.status === 'active'),
    );
    const names = new Map<string, string>(source.map((a) => [a.code, a.name]));
    return {
      options: items.map((a) => ({ value: a.code, label: a.name })),
      nameOf: (code: string | null | undefined) => (code ? (names.get(code) ?? code) : '—'),
    };
  }, [tree.data, session.areas]);
}
