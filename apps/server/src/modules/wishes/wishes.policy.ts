import type { MyWish, Wish, WishCard } from '@linli/contracts/modules/wishes';
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import type { WishBase } from './wishes.repository';

type Row = Pick<WishBase, 'areaCode' | 'status' | 'beneficiaryUserId' | 'claimantUserId' | 'claimantOrganisationId'>;

const isPartner = (actor: Actor) => actor.roles.includes('partner_member');
const isResident = (actor: Actor) => actor.roles.includes('resident');
/** Staff: accounts that are neither a partner member nor a resident. */
export const isStaff = (actor: Actor) => !isPartner(actor) && !isResident(actor);

/**
 * Who may do what with a wish. Staff act in their jurisdiction; a partner member acts for its organisation (the
 * communities it serves are its wall); a resident on their own community's wall and their own wishes.
 */
export const wishesPolicy = {
  canRead: (actor: Actor, row: Pick<Row, 'areaCode'>) =>
    isStaff(actor) && hasPermission(actor, 'wishes.read') && codeInPrefixes(row.areaCode, actor.scopePrefixes),
  canManage: (actor: Actor, areaCode: string) =>
    isStaff(actor) && hasPermission(actor, 'wishes.manage') && codeInPrefixes(areaCode, actor.scopePrefixes),
  isOwn: (actor: Actor, row: Row) => isResident(actor) && row.beneficiaryUserId === actor.userId,
  /** The claimant's side: the member of the claiming organisation, or the volunteer who claimed. */
  isClaimant: (actor: Actor, row: Row, organisationId: string | null) =>
    row.claimantOrganisationId !== null
      ? organisationId !== null && row.claimantOrganisationId === organisationId
      : row.claimantUserId === actor.userId,
  isPartner,
  isResident,
};

/** The claimant's buttons on a card (the wall's claim button follows the state and who looks). */
export function cardActions(
  actor: Actor,
  row: Row,
  organisationId: string | null,
  onWall: boolean,
): WishCard['allowedActions'] {
  if (row.status === 'published' && onWall && hasPermission(actor, 'wishes.claim')) {
    if (row.beneficiaryUserId === actor.userId) return [];
    return isStaff(actor) ? [] : ['claim'];
  }
  if (row.status === 'claimed' && wishesPolicy.isClaimant(actor, row, organisationId)) return ['fulfil', 'release'];
  return [];
}

export function ownActions(row: Row): MyWish['allowedActions'] {
  if (row.status === 'fulfilled') return ['confirm'];
  if (row.status === 'submitted' || row.status === 'published') return ['withdraw'];
  return [];
}

export function staffActions(actor: Actor, row: Row & { thanksStatus: string | null }): Wish['allowedActions'] {
  if (!wishesPolicy.canManage(actor, row.areaCode)) return [];
  const out: Wish['allowedActions'] = [];
  if (row.status === 'submitted') out.push('publish', 'reject');
  if (row.status === 'published') out.push('claim', 'reject');
  if (row.status === 'fulfilled') out.push('confirm');
  if (row.thanksStatus === 'pending') out.push('moderate_thanks');
  return out;
}
