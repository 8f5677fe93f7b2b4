import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import type { WishesItemRow } from './wishes.repository';

/** Who may do what with an item: named predicates, and the actions the UI may offer (allowedActions). */
export const wishesPolicy = {
  canRead: (actor: Actor, item: Pick<WishesItemRow, 'areaCode'>) => hasPermission(actor, 'wishes.read') && codeInPrefixes(item.areaCode, actor.scopePrefixes),
  canCreateIn: (actor: Actor, areaCode: string) => hasPermission(actor, 'wishes.write') && codeInPrefixes(areaCode, actor.scopePrefixes),
};

export function allowedWishesActions(actor: Actor, item: Pick<WishesItemRow, 'areaCode'>): string[] {
  return wishesPolicy.canCreateIn(actor, item.areaCode) ? ['update'] : [];
}
