// The two ledger-moving steps of the supermarket, each inside one transaction: booking a redemption (stock down,
// points volunteer → supermarket) and giving goods back (stock up, points supermarket → volunteer). Any refusal
// (not enough stock, not enough points, more returned than taken) throws and rolls the whole step back.
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { ensurePointAccount, transferPoints } from '../points';
import type { VolunteerRef } from '../volunteers';
import {
  type RedemptionRow,
  type RedemptionWithLines,
  addReturnedPoints,
  claimRedemption,
  claimReturn,
  insertLines,
  returnLine,
  setRedemptionTransfer,
  setReturnTransfer,
} from './redemption.repository';
import { type ItemRow, type SupermarketRow, changeStock, findItems } from './supermarket.repository';

export type Line = { itemId: string; quantity: number };

/** The same lines in one order (by item), repeated items added up: also the order rows are locked in. */
export function normaliseLines(lines: readonly Line[]): Line[] {
  const sum = new Map<string, number>();
  for (const l of lines) sum.set(l.itemId, (sum.get(l.itemId) ?? 0) + l.quantity);
  return [...sum.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([itemId, quantity]) => ({ itemId, quantity }));
}

/** What makes two submissions "the same redemption": who, where and what (not the code, which rotates). */
export function redemptionHash(supermarketId: string, volunteerId: string, lines: readonly Line[]): string {
  const text = [supermarketId, volunteerId, ...normaliseLines(lines).map((l) => `${l.itemId}:${l.quantity}`)];
  return createHash('sha256').update(text.join('\n')).digest('base64url');
}

const blank = { donorKind: null, donorName: null, organisationId: null, fundReference: null, note: null };

export interface BookInput {
  id: string;
  market: SupermarketRow;
  volunteer: VolunteerRef;
  lines: readonly Line[];
  channel: 'counter' | 'reservation';
}

/** The items of the lines, each offered by this supermarket; else the whole redemption is refused. */
async function offeredItems(
  tx: Tx,
  market: { id: string; areaCode: string },
  lines: readonly Line[],
  activeOnly = true,
): Promise<Map<string, ItemRow>> {
  const found = await findItems(
    tx,
    lines.map((l) => l.itemId),
    market.areaCode,
  );
  const items = new Map(found.map((i) => [i.id, i]));
  for (const l of lines) {
    const item = items.get(l.itemId);
    if (!item || item.supermarketId !== market.id || (activeOnly && !item.active))
      throw new AppError('supermarket.item_unavailable');
  }
  return items;
}

function redemptionRow(
  actor: Actor,
  input: BookInput,
  lines: readonly Line[],
  total: number,
  now: Date,
): RedemptionRow {
  const counter = input.channel === 'counter';
  return {
    id: input.id,
    areaCode: input.market.areaCode,
    supermarketId: input.market.id,
    volunteerId: input.volunteer.id,
    channel: input.channel,
    status: counter ? 'collected' : 'reserved',
    totalPoints: total,
    returnedPoints: 0,
    transferId: null,
    requestHash: redemptionHash(input.market.id, input.volunteer.id, lines),
    createdBy: actor.userId,
    createdAt: now,
    collectedAt: counter ? now : null,
    collectedBy: counter ? actor.userId : null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
  };
}

/** Points between a volunteer's and a supermarket's account, through the points ledger (refuses an overdraft). */
async function movePoints(
  ctx: AppContext,
  tx: Tx,
  move: {
    direction: 'redeem' | 'return';
    volunteer: { id: string; areaCode: string };
    market: { id: string; areaCode: string };
    points: number;
    refType: string;
    refId: string;
    memo: string;
    actorUserId: string | null;
    reversesTransferId?: string | null;
  },
): Promise<string> {
  const volunteer = await ensurePointAccount(tx, {
    kind: 'volunteer',
    ownerId: move.volunteer.id,
    areaCode: move.volunteer.areaCode,
  });
  const market = await ensurePointAccount(tx, {
    kind: 'supermarket',
    ownerId: move.market.id,
    areaCode: move.market.areaCode,
  });
  const redeem = move.direction === 'redeem';
  const { transferId } = await transferPoints(ctx, tx, {
    from: redeem ? volunteer : market,
    to: redeem ? market : volunteer,
    points: move.points,
    kind: move.direction,
    refType: move.refType,
    refId: move.refId,
    areaCode: move.market.areaCode,
    memo: move.memo,
    actorUserId: move.actorUserId,
    reversesTransferId: move.reversesTransferId ?? null,
  });
  return transferId;
}

/**
 * Books a redemption in `tx`. Returns false when a redemption with this id was already booked (the caller reads it
 * and answers it again; a different submission under the same id is refused).
 */
export async function bookRedemption(ctx: AppContext, tx: Tx, actor: Actor, input: BookInput): Promise<boolean> {
  const { market } = input;
  const lines = normaliseLines(input.lines);
  const items = await offeredItems(tx, market, lines);
  const total = lines.reduce((sum, l) => sum + l.quantity * items.get(l.itemId)!.pricePoints, 0);
  const now = ctx.clock.now();
  const row = redemptionRow(actor, input, lines, total, now);
  // A second submission of the same id waits here for the first transaction, then finds its row.
  if (!(await claimRedemption(tx, row))) return false;
  await insertLines(
    tx,
    lines.map((l) => {
      const item = items.get(l.itemId)!;
      const { name: itemName, unit, pricePoints } = item;
      return {
        redemptionId: row.id,
        itemId: l.itemId,
        areaCode: market.areaCode,
        itemName,
        unit,
        pricePoints,
        quantity: l.quantity,
        returnedQuantity: 0,
      };
    }),
  );
  // Items in id order (normaliseLines): two carts never wait for each other's rows in opposite orders.
  for (const l of lines) {
    const movement = { ...blank, id: randomUUID(), kind: 'redemption', redemptionId: row.id, returnId: null };
    const stock = await changeStock(tx, items.get(l.itemId)!, -l.quantity, {
      ...movement,
      createdBy: actor.userId,
      createdAt: now,
    });
    if (stock === null) throw new AppError('supermarket.out_of_stock');
  }
  const transferId = await movePoints(ctx, tx, {
    direction: 'redeem',
    volunteer: input.volunteer,
    market,
    points: total,
    refType: 'supermarket_redemption',
    refId: row.id,
    memo: market.name,
    actorUserId: actor.userId,
  });
  await setRedemptionTransfer(tx, row, transferId);
  await auditInTx(ctx, tx, actor, {
    action: input.channel === 'counter' ? 'supermarket.redeem' : 'supermarket.reserve',
    objectType: 'supermarket_redemption',
    objectIds: [row.id],
    fields: ['lines', 'totalPoints'],
  });
  return true;
}

export interface GiveBackInput {
  returnId: string;
  redemption: RedemptionWithLines;
  volunteerAreaCode: string;
  lines: readonly Line[];
  reason: string;
  /** 'return' (goods brought back), 'cancel' (a reservation called off) or 'expire' (not collected in time). */
  why: 'return' | 'cancel' | 'expire';
}

const GIVE_BACK_ACTIONS = { return: 'supermarket.return', cancel: 'supermarket.cancel', expire: 'supermarket.expire' };

/**
 * Gives goods and points back in `tx`; false when this return id was already booked. A null actor is the server
 * itself (an expired reservation): the rows record no user and the audit row is a system action.
 */
export async function giveBack(ctx: AppContext, tx: Tx, actor: Actor | null, input: GiveBackInput): Promise<boolean> {
  const r = input.redemption;
  const lines = normaliseLines(input.lines);
  const byItem = new Map(r.lines.map((l) => [l.itemId, l]));
  if (lines.some((l) => !byItem.has(l.itemId))) throw new AppError('supermarket.return_exceeds');
  const points = lines.reduce((sum, l) => sum + l.quantity * byItem.get(l.itemId)!.pricePoints, 0);
  const now = ctx.clock.now();
  const claimed = await claimReturn(tx, {
    id: input.returnId,
    areaCode: r.areaCode,
    redemptionId: r.id,
    points,
    transferId: null,
    reason: input.reason,
    createdBy: actor?.userId ?? null,
    createdAt: now,
  });
  if (!claimed) return false;
  const items = await offeredItems(tx, { id: r.supermarketId, areaCode: r.areaCode }, lines, false);
  for (const l of lines) {
    if (!(await returnLine(tx, r, l.itemId, l.quantity))) throw new AppError('supermarket.return_exceeds');
    const movement = { ...blank, id: randomUUID(), kind: 'return', note: input.reason, redemptionId: r.id };
    await changeStock(tx, items.get(l.itemId)!, l.quantity, {
      ...movement,
      returnId: input.returnId,
      createdBy: actor?.userId ?? null,
      createdAt: now,
    });
  }
  const transferId = await movePoints(ctx, tx, {
    direction: 'return',
    volunteer: { id: r.volunteerId, areaCode: input.volunteerAreaCode },
    market: { id: r.supermarketId, areaCode: r.areaCode },
    points,
    refType: 'supermarket_return',
    refId: input.returnId,
    memo: input.reason,
    actorUserId: actor?.userId ?? null,
    reversesTransferId: r.transferId,
  });
  await setReturnTransfer(tx, { id: input.returnId, areaCode: r.areaCode }, transferId);
  await addReturnedPoints(tx, r, points);
  await auditInTx(ctx, tx, actor, {
    action: GIVE_BACK_ACTIONS[input.why],
    objectType: 'supermarket_redemption',
    objectIds: [r.id],
    fields: ['lines', 'returnedPoints'],
    detail: input.reason,
  });
  return true;
}
