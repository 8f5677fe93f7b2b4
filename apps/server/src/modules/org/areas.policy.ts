import { type Actor, actorCanSeeArea, hasPermission } from '../../platform/access';
import type { AreaRow } from './areas.repository';

/** Named predicates for areas; `allowedActions` is what the UI shows as buttons. */
export const areaPolicy = {
  canRead: (actor: Actor, area: Pick<AreaRow, 'code'>) =>
    hasPermission(actor, 'area.read') && actorCanSeeArea(actor, area.code),
  canManage: (actor: Actor, area: Pick<AreaRow, 'code'>) =>
    hasPermission(actor, 'area.manage') && actorCanSeeArea(actor, area.code),
  canCreateChild: (actor: Actor, area: AreaRow) =>
    areaPolicy.canManage(actor, area) && area.status === 'active' && area.level !== 'grid',
  canMerge: (actor: Actor, area: AreaRow) =>
    areaPolicy.canManage(actor, area) &&
    area.status === 'active' &&
    (area.level === 'community' || area.level === 'grid'),
};

export function allowedAreaActions(actor: Actor, area: AreaRow): string[] {
  const actions: string[] = [];
  if (areaPolicy.canManage(actor, area) && area.status === 'active') actions.push('rename');
  if (areaPolicy.canCreateChild(actor, area)) actions.push('create_child', 'import_children');
  if (areaPolicy.canMerge(actor, area)) actions.push('merge');
  return actions;
}
