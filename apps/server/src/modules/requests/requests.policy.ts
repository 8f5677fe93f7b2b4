import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import type { RequestsItemRow } from './requests.repository';

/** Who may do what with an item: named predicates, and the actions the UI may offer (allowedActions). */
export const requestsPolicy = {
  canRead: (actor: Actor, item: Pick<RequestsItemRow, 'areaCode'>) => hasPermission(actor, 'requests.read') && codeInPrefixes(item.areaCode, actor.scopePrefixes),
  canCreateIn: (actor: Actor, areaCode: string) => hasPermission(actor, 'requests.intake') && codeInPrefixes(areaCode, actor.scopePrefixes),
};

export function allowedRequestsActions(actor: Actor, item: Pick<RequestsItemRow, 'areaCode'>): string[] {
  return requestsPolicy.canCreateIn(actor, item.areaCode) ? ['update'] : [];
}
