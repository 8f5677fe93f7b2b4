import type { Area } from '@linli/contracts';
import { usePermission } from '../../../../components/Can';
import { useAreaTree } from '../../../areas';

/** The active areas of the caller's tree by level, and names by code (rules name a district, streets, communities). */
export function useDistrictAreas() {
  const tree = useAreaTree(usePermission('area.read'));
  const items: Area[] = (tree.data?.items ?? []).filter((a) => a.status === 'active');
  const names = new Map(items.map((a) => [a.code, a.name]));
  return {
    items,
    nameOf: (code: string | null | undefined) => (code ? (names.get(code) ?? code) : ''),
    ofLevel: (level: Area['level'], inside?: string) =>
      items.filter((a) => a.level === level && (!inside || a.code.startsWith(prefixOf(inside)))),
  };
}

/** The significant prefix of an area code (district 6, street 9, community 12 digits). */
export function prefixOf(code: string): string {
  if (code.length === 15) return code;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}
