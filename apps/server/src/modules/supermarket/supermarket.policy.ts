import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';

type Area = { areaCode: string };
const inScope = (actor: Actor, row: Area) => codeInPrefixes(row.areaCode, actor.scopePrefixes);
const isExternal = (actor: Actor) => actor.roles.includes('resident') || actor.roles.includes('partner_member');

/** Who may do what in a supermarket: staff of its community (or above it, reading); residents only through /m. */
export const supermarketPolicy = {
  canRead: (actor: Actor, row: Area) =>
    !isExternal(actor) && hasPermission(actor, 'supermarket.read') && inScope(actor, row),
  canManage: (actor: Actor, row: Area) =>
    !isExternal(actor) && hasPermission(actor, 'supermarket.manage') && inScope(actor, row),
  canCounter: (actor: Actor, row: Area) =>
    !isExternal(actor) && hasPermission(actor, 'supermarket.counter') && inScope(actor, row),
  canShop: (actor: Actor, row: Area) => hasPermission(actor, 'supermarket.shop') && inScope(actor, row),
};

export function supermarketActions(actor: Actor, row: Area): string[] {
  const out: string[] = [];
  if (supermarketPolicy.canManage(actor, row)) out.push('update', 'stock_in');
  if (supermarketPolicy.canCounter(actor, row)) out.push('counter');
  return out;
}

export function itemActions(actor: Actor, row: Area): string[] {
  return supermarketPolicy.canManage(actor, row) ? ['update', 'stock_in', 'adjust'] : [];
}

/** Staff's buttons on a redemption: hand over a reservation, cancel it, take a return of what is not yet back. */
export function redemptionActions(
  actor: Actor,
  row: Area & { status: string; returnedPoints: number; totalPoints: number },
): string[] {
  if (!supermarketPolicy.canCounter(actor, row)) return [];
  if (row.status === 'reserved') return ['collect', 'cancel'];
  if (row.status === 'collected' && row.returnedPoints < row.totalPoints) return ['return'];
  return [];
}

/** The volunteer's own buttons on /m: a reservation not yet collected may be cancelled. */
export function ownRedemptionActions(row: { status: string }): string[] {
  return row.status === 'reserved' ? ['cancel'] : [];
}
