import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';

const isExternal = (actor: Actor) => actor.roles.includes('resident') || actor.roles.includes('partner_member');

/**
 * Who may do what with volunteers and teams: staff in their jurisdiction; residents their own registration; a partner
 * member its organisation's teams.
 */
export const volunteersPolicy = {
  inScope: (actor: Actor, areaCode: string) => !isExternal(actor) && codeInPrefixes(areaCode, actor.scopePrefixes),
  canRead: (actor: Actor, areaCode: string) =>
    !isExternal(actor) && hasPermission(actor, 'volunteers.read') && codeInPrefixes(areaCode, actor.scopePrefixes),
  canManage: (actor: Actor, areaCode: string) =>
    !isExternal(actor) && hasPermission(actor, 'volunteers.write') && codeInPrefixes(areaCode, actor.scopePrefixes),
  /**
   * A partner member and a team: only its own organisation's teams (the organisation read from the account at each
   * request), never another organisation's, never an area's.
   */
  isOrganisationTeam: (actor: Actor, team: { organisationId: string | null }, organisationId: string | null) =>
    actor.roles.includes('partner_member') &&
    hasPermission(actor, 'volunteers.organisation') &&
    organisationId !== null &&
    team.organisationId === organisationId,
};

export function volunteerActions(actor: Actor, row: { areaCode: string; status: string }): string[] {
  if (!volunteersPolicy.canManage(actor, row.areaCode)) return [];
  const out: string[] = ['record'];
  if (row.status === 'pending') out.push('confirm', 'reject');
  if (row.status === 'active') out.push('suspend', 'leave');
  if (row.status === 'suspended') out.push('reinstate', 'leave');
  return out;
}
