import type { Activity } from '@linli/contracts/modules/activities';
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import type { ActivityRow } from './activities.repository';

const isExternal = (actor: Actor) => actor.roles.includes('resident') || actor.roles.includes('partner_member');

/**
 * Who may do what with an activity. Staff act in their jurisdiction; a team leader (a resident account) organises
 * the activities of the teams they lead (the caller passes the ids of those teams).
 */
export const activitiesPolicy = {
  canRead: (actor: Actor, row: Pick<ActivityRow, 'areaCode'>) =>
    !isExternal(actor) && hasPermission(actor, 'activities.read') && codeInPrefixes(row.areaCode, actor.scopePrefixes),
  canManageIn: (actor: Actor, areaCode: string) =>
    !isExternal(actor) && hasPermission(actor, 'activities.write') && codeInPrefixes(areaCode, actor.scopePrefixes),
  /** Staff of the community, or the leader of the activity's team. */
  canOrganise: (actor: Actor, row: Pick<ActivityRow, 'areaCode' | 'teamId'>, ledTeamIds: readonly string[]) =>
    activitiesPolicy.canManageIn(actor, row.areaCode) ||
    (actor.roles.includes('resident') &&
      hasPermission(actor, 'activities.join') &&
      row.teamId !== null &&
      ledTeamIds.includes(row.teamId)),
  isExternal,
};

export function organiserActions(
  row: Pick<ActivityRow, 'status' | 'endsAt'>,
  organises: boolean,
  now: Date,
): Activity['allowedActions'] {
  if (!organises) return [];
  const out: Activity['allowedActions'] = [];
  if (row.status === 'draft') out.push('update', 'publish', 'cancel');
  if (row.status === 'published') {
    out.push('update', 'roster', 'checkin_code', 'confirm');
    if (row.endsAt > now) out.push('cancel');
  }
  if (row.status === 'finished') out.push('roster', 'confirm');
  if (row.status === 'cancelled') out.push('roster');
  return out;
}
