import type { Area } from './types';

export interface AreaNode {
  area: Area;
  children: AreaNode[];
}

/** Builds a forest from the flat, scope-filtered list: an area whose parent is not in the list is a root. */
export function buildAreaTree(areas: readonly Area[]): AreaNode[] {
  const byCode = new Map<string, AreaNode>();
  for (const area of areas) byCode.set(area.code, { area, children: [] });
  const roots: AreaNode[] = [];
  for (const node of byCode.values()) {
    const parent = node.area.parentCode ? byCode.get(node.area.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: AreaNode[]) => {
    nodes.sort((a, b) => a.area.code.localeCompare(b.area.code));
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

export interface AreaTreeOption {
  title: string;
  value: string;
  key: string;
  children: AreaTreeOption[];
}

/** Tree options for TreeSelect/Tree; merged areas are left out unless asked for. */
export function toTreeOptions(nodes: readonly AreaNode[], includeMerged = false): AreaTreeOption[] {
  return nodes
    .filter((n) => includeMerged || n.area.status === 'active')
    .map((n) => ({
      title: n.area.name,
      value: n.area.code,
      key: n.area.code,
      children: toTreeOptions(n.children, includeMerged),
    }));
}
