import { useMemo } from 'react';
import { buildAreaTree, toTreeOptions, type AreaTreeOption } from '../../lib/area-tree';
import { useAreaTree } from '../areas';

/** Area tree options for pickers plus a code → name lookup for tables. */
export function useAreaOptions() {
  const tree = useAreaTree();
  return useMemo(() => {
    const items = tree.data?.items ?? [];
    const treeData: AreaTreeOption[] = toTreeOptions(buildAreaTree(items));
    const names = new Map(items.map((a) => [a.code, a.name]));
    return { treeData, nameOf: (code: string) => names.get(code) ?? code, loading: tree.isPending };
  }, [tree.data, tree.isPending]);
}
