import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import type { PlacesItemRow } from './places.repository';

/** Who may do what with an item: named predicates, and the actions the UI may offer (allowedActions). */
export const placesPolicy = {
  canRead: (actor: Actor, item: Pick<PlacesItemRow, 'areaCode'>) => hasPermission(actor, 'places.read') && codeInPrefixes(item.areaCode, actor.scopePrefixes),
  canCreateIn: (actor: Actor, areaCode: string) => hasPermission(actor, 'places.write') && codeInPrefixes(areaCode, actor.scopePrefixes),
};

export function allowedPlacesActions(actor: Actor, item: Pick<PlacesItemRow, 'areaCode'>): string[] {
  return placesPolicy.canCreateIn(actor, item.areaCode) ? ['update'] : [];
}
