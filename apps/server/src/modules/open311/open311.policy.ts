import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import type { Open311ItemRow } from './open311.repository';

/** Who may do what with an item: named predicates, and the actions the UI may offer (allowedActions). */
export const open311Policy = {
  canRead: (actor: Actor, item: Pick<Open311ItemRow, 'areaCode'>) => hasPermission(actor, 'open311.read') && codeInPrefixes(item.areaCode, actor.scopePrefixes),
  canCreateIn: (actor: Actor, areaCode: string) => hasPermission(actor, 'open311.write') && codeInPrefixes(areaCode, actor.scopePrefixes),
};

export function allowedOpen311Actions(actor: Actor, item: Pick<Open311ItemRow, 'areaCode'>): string[] {
  return open311Policy.canCreateIn(actor, item.areaCode) ? ['update'] : [];
}
