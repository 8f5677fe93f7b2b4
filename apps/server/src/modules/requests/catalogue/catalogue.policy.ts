import { type Actor, codeInPrefixes, hasPermission } from '../../../platform/access';
import { districtOf } from './routing';

/**
 * Who may do what with a district's catalogue and routing table: anyone with requests.read inside the district reads
 * it (a community worker files requests against it); an officer holding the district edits it — a street or
 * community account never does, since the catalogue is the district's.
 */
export const cataloguePolicy = {
  /**
   * `areaCode` is an area the actor asked about; its district's catalogue is readable when the actor works in that
   * district (not only in that area: a community's team opens requests another community's routing sent it, and the
   * answer is the same district's catalogue either way).
   */
  canRead: (actor: Actor, areaCode: string) =>
    hasPermission(actor, 'requests.read') &&
    codeInPrefixes(
      areaCode,
      actor.scopePrefixes.map((p) => p.slice(0, 6)),
    ),
  canManage: (actor: Actor, areaCode: string) =>
    hasPermission(actor, 'requests.catalogue.manage') && codeInPrefixes(districtOf(areaCode), actor.scopePrefixes),
};

export function allowedCategoryActions(
  actor: Actor,
  category: { areaCode: string; active: boolean },
): ('update' | 'deactivate' | 'reactivate')[] {
  if (!cataloguePolicy.canManage(actor, category.areaCode)) return [];
  return ['update', category.active ? 'deactivate' : 'reactivate'];
}

/** The area a list defaults to: the area switcher's choice, else the first area the account holds. */
export function homeArea(actor: Actor): string | null {
  return actor.currentAreaCode ?? actor.areaCodes[0] ?? null;
}
