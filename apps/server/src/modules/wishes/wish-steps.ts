import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { usersHoldingPermissionOver } from '../users';
import { activeMembers, insertWishEvent } from './wishes.repository';

export type WishEventKind =
  | 'submitted'
  | 'published'
  | 'rejected'
  | 'withdrawn'
  | 'claimed'
  | 'released'
  | 'claim_expired'
  | 'fulfilled'
  | 'confirmed'
  | 'thanks_approved'
  | 'thanks_rejected';

/** One step of a wish: its history row and the audit row, in the caller's transaction. */
export async function recordStep(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor | null,
  wish: { id: string; areaCode: string },
  kind: WishEventKind,
  fields: string[],
  note: string | null = null,
): Promise<void> {
  await insertWishEvent(tx, {
    id: randomUUID(),
    wishId: wish.id,
    areaCode: wish.areaCode,
    kind,
    note,
    actorId: actor?.userId ?? null,
    at: ctx.clock.now(),
  });
  if (actor)
    await auditInTx(ctx, tx, actor, { action: `wishes.${kind}`, objectType: 'wish', objectIds: [wish.id], fields });
}

type Wished = {
  id: string;
  areaCode: string;
  number: string;
  beneficiaryUserId: string | null;
  createdBy: string;
};

/** Whom a step concerns on the wish's side: the beneficiary's account, or the staff member who posted for them. */
function posterIds(wish: Wished): string[] {
  return [...new Set([wish.beneficiaryUserId ?? wish.createdBy])];
}

export async function tell(
  ctx: AppContext,
  tx: DbOrTx,
  wish: Wished,
  event: 'wish.published' | 'wish.claimed' | 'wish.fulfilled' | 'wish.claim_expired',
  userIds: string[],
  link: string,
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await ctx.notifier.notify(tx, {
    userIds: ids,
    event,
    objectType: 'wish',
    objectId: wish.id,
    link,
    areaCode: wish.areaCode,
    params: { number: wish.number },
  });
}

/** The link each kind of account opens for a wish. */
export const links = {
  staff: (id: string) => `/wishes/${id}`,
  resident: () => '/m/wishes',
  claimant: () => '/wishes/claims',
};

export async function tellPoster(
  ctx: AppContext,
  tx: DbOrTx,
  wish: Wished,
  event: 'wish.published' | 'wish.fulfilled',
) {
  const own = wish.beneficiaryUserId !== null;
  await tell(ctx, tx, wish, event, posterIds(wish), own ? links.resident() : links.staff(wish.id));
}

/** A claim is news for the poster (or beneficiary) and the community's staff who manage wishes. */
export async function tellClaimed(ctx: AppContext, tx: DbOrTx, wish: Wished, exceptUserId: string) {
  if (wish.beneficiaryUserId) await tell(ctx, tx, wish, 'wish.claimed', [wish.beneficiaryUserId], links.resident());
  const staff = await usersHoldingPermissionOver(tx, 'wishes.manage', wish.areaCode, exceptUserId);
  await tell(ctx, tx, wish, 'wish.claimed', staff, links.staff(wish.id));
}

/** An expired claim is news for whoever claimed: the volunteer, or the organisation's active members. */
export async function tellClaimant(
  ctx: AppContext,
  tx: DbOrTx,
  wish: Wished,
  claimant: { organisationId: string | null; userId: string | null },
) {
  const ids = claimant.organisationId ? await activeMembers(tx, claimant.organisationId) : [];
  if (claimant.userId) ids.push(claimant.userId);
  await tell(ctx, tx, wish, 'wish.claim_expired', ids, links.claimant());
}
