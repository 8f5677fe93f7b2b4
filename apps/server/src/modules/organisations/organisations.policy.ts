import type { OrganisationDetail } from '@linli/contracts/modules/organisations';
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';

type Held = { areaCode: string; status?: 'active' | 'disabled' };

/**
 * Who may do what with a partner. Reading follows the register's scope (held or served inside the jurisdiction: the
 * repository's readableOrganisation); changing it belongs to the area that holds the partnership.
 */
export const organisationsPolicy = {
  canWriteIn: (actor: Actor, areaCode: string) =>
    hasPermission(actor, 'organisations.write') && codeInPrefixes(areaCode, actor.scopePrefixes),
  canImport: (actor: Actor) => hasPermission(actor, 'organisations.import'),
  canReveal: (actor: Actor, org: Held) =>
    hasPermission(actor, 'organisations.contact.reveal') && codeInPrefixes(org.areaCode, actor.scopePrefixes),
};

export function allowedOrganisationActions(actor: Actor, org: Required<Held>): OrganisationDetail['allowedActions'] {
  const actions: OrganisationDetail['allowedActions'] = [];
  if (organisationsPolicy.canWriteIn(actor, org.areaCode)) {
    actions.push('update', org.status === 'active' ? 'disable' : 'enable');
  }
  if (organisationsPolicy.canReveal(actor, org)) actions.push('reveal');
  return actions;
}
