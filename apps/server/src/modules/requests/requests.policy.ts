import type { RequestAction } from '@linli/contracts/modules/requests';
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import type { RequestRow } from './requests.repository';

/**
 * The actor as this module sees it: a partner member acts only for the organisation on its account (read at each
 * request, like the partner referral inbox), so a member moved elsewhere loses its requests at once.
 */
export interface RequestActor {
  actor: Actor;
  /** Set for a partner member with an organisation; null for staff (and a partner member without one). */
  organisationId: string | null;
  partner: boolean;
}

type Row = Pick<RequestRow, 'areaCode' | 'status' | 'unitKind' | 'unitAreaCode' | 'unitOrganisationId'>;

/**
 * Staff read the requests their community or grid team handles: a grid worker's prefix (15 characters) covers the
 * grid a request was routed to, not its community; a street's routing rule may send a request to another community's
 * team, whose jurisdiction does not cover the request's community.
 */
function teamCovers(prefixes: readonly string[], row: Row): boolean {
  return (
    (row.unitKind === 'community' || row.unitKind === 'grid') &&
    !!row.unitAreaCode &&
    codeInPrefixes(row.unitAreaCode, prefixes)
  );
}

export const requestsPolicy = {
  canRead(a: RequestActor, row: Row): boolean {
    if (!hasPermission(a.actor, 'requests.read')) return false;
    if (a.partner) return !!a.organisationId && row.unitOrganisationId === a.organisationId;
    return codeInPrefixes(row.areaCode, a.actor.scopePrefixes) || teamCovers(a.actor.scopePrefixes, row);
  },
  canTriage(a: RequestActor, row: Pick<Row, 'areaCode'>): boolean {
    return (
      !a.partner && hasPermission(a.actor, 'requests.triage') && codeInPrefixes(row.areaCode, a.actor.scopePrefixes)
    );
  },
  /** The unit's users (docs/requests.md "Units and who acts for them"). */
  actsForUnit(a: RequestActor, row: Row): boolean {
    if (!hasPermission(a.actor, 'requests.handle') || !row.unitKind || !row.unitAreaCode) return false;
    if (row.unitKind === 'organisation')
      return a.partner && !!a.organisationId && row.unitOrganisationId === a.organisationId;
    if (a.partner) return false;
    if (row.unitKind === 'street_department' && !a.actor.roles.includes('street_officer')) return false;
    return codeInPrefixes(row.unitAreaCode, a.actor.scopePrefixes);
  },
  canReveal(a: RequestActor, row: Pick<Row, 'areaCode'>): boolean {
    return (
      !a.partner &&
      hasPermission(a.actor, 'requests.contact.reveal') &&
      codeInPrefixes(row.areaCode, a.actor.scopePrefixes)
    );
  },
};

const TRIAGE_STATES: Row['status'][] = ['submitted', 'assigned', 'in_progress'];

export function allowedRequestActions(a: RequestActor, row: Row & { hasContact: boolean }): RequestAction[] {
  const out: RequestAction[] = [];
  const triage = requestsPolicy.canTriage(a, row);
  const unit = requestsPolicy.actsForUnit(a, row);
  if (triage && TRIAGE_STATES.includes(row.status)) out.push('triage');
  if (triage && (row.status === 'submitted' || row.status === 'assigned')) out.push('route');
  if (triage && row.status === 'submitted') out.push('merge', 'reject');
  if (unit && row.status === 'assigned') out.push('sign');
  if (unit && (row.status === 'assigned' || row.status === 'in_progress')) out.push('transfer', 'note');
  if (unit && row.status === 'in_progress') out.push('resolve');
  if (row.hasContact && requestsPolicy.canReveal(a, row)) out.push('reveal');
  return out;
}
