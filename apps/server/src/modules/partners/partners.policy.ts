import type { PartnerAccount } from '@linli/contracts/modules/partners';
import { type Actor, codeInPrefixes } from '../../platform/access';

/**
 * Who administers a partner organisation's accounts: the staff holding 'partners.accounts.manage' whose jurisdiction
 * covers the area that holds the partnership (the community, or the street for a street's partners). Anyone else
 * gets the answer a missing organisation gets.
 */
export const partnersPolicy = {
  canManage: (actor: Actor, organisation: { areaCode: string }) =>
    actor.permissions.has('partners.accounts.manage') && codeInPrefixes(organisation.areaCode, actor.scopePrefixes),
};

export function allowedAccountActions(
  actor: Actor,
  account: { status: string; organisationArea: string },
): PartnerAccount['allowedActions'] {
  if (!partnersPolicy.canManage(actor, { areaCode: account.organisationArea })) return [];
  return account.status === 'active' ? ['disable', 'reset_password'] : ['enable'];
}
