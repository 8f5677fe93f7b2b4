import type { Place } from '@linli/contracts/modules/places';
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';

/**
 * The community is the actor's: inside their jurisdiction, or — for a grid worker, who holds a grid (15 digits) —
 * the community their grid lies in (the buildings around the grid are the community's list).
 */
function coversCommunity(actor: Actor, communityCode: string): boolean {
  return (
    codeInPrefixes(communityCode, actor.scopePrefixes) ||
    actor.scopePrefixes.some((p) => p.length === 15 && p.startsWith(communityCode))
  );
}

/**
 * Who may do what with a community's places. Reading: anyone holding places.read whose jurisdiction covers the
 * community — for a resident that is their own community only (their one area). Managing: community staff and
 * grid workers of the community.
 */
export const placesPolicy = {
  canRead: (actor: Actor, communityCode: string) =>
    hasPermission(actor, 'places.read') && coversCommunity(actor, communityCode),
  canManage: (actor: Actor, communityCode: string) =>
    hasPermission(actor, 'places.manage') && coversCommunity(actor, communityCode),
  /** Staff who manage places see the inactive ones (to switch them back on); everyone else the active list. */
  seesInactive: (actor: Actor) => hasPermission(actor, 'places.manage'),
};

export function allowedPlaceActions(actor: Actor, row: { areaCode: string; active: boolean }): Place['allowedActions'] {
  if (!placesPolicy.canManage(actor, row.areaCode)) return [];
  return row.active ? ['update', 'deactivate'] : ['update', 'activate'];
}
