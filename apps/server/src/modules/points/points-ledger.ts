// The love-bank points ledger's entry point for other modules (hours' earn handler lives here; the supermarket books
// redemptions and returns through transferPoints()). Signatures agreed for issue 12.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import {
  balanceOf,
  credit,
  debit,
  findOwnedAccount,
  findTransferByRef,
  insertAccountIfMissing,
  insertPostings,
  insertTransferOnce,
  lockAccounts,
} from './points-ledger.repository';
import type { AreaKey } from '../../platform/colocated';

/**
 * issuer: a community's issuing account (its balance goes negative by what it has issued); volunteer: one per
 * volunteer; supermarket: one per charity supermarket. Only issuer accounts may go below zero.
 */
export type PointAccountKind = 'issuer' | 'volunteer' | 'supermarket';

export interface TransferInput {
  /** The two accounts, each by its community and id (ensurePointAccount's answer). */
  from: AreaKey;
  to: AreaKey;
  /** Whole points, > 0. */
  points: number;
  kind: 'earn' | 'redeem' | 'return' | 'reverse' | 'adjust';
  /** What caused it, e.g. ('hours_entry', entryId) or ('redemption', id): with kind, the idempotency key of the move. */
  refType: string;
  refId: string;
  /** The community the move belongs to (scope and distribution key). */
  areaCode: string;
  memo: string;
  actorUserId: string | null;
  /** For kind 'reverse' / 'return': the transfer this one undoes. */
  reversesTransferId?: string | null;
}

/**
 * The account of this kind and owner, created on first use, by its community and id. ownerId: community code,
 * volunteer id or supermarket id; areaCode: the owner's community, where the account is created and looked for
 * first (one shard group on a Citus cluster), then anywhere: an account opened before its owner moved is still found.
 */
export async function ensurePointAccount(
  tx: Tx,
  input: { kind: PointAccountKind; ownerId: string; areaCode: string },
): Promise<AreaKey> {
  const found = await findOwnedAccount(tx, input.kind, input.ownerId, input.areaCode);
  return found ? { id: found.id, areaCode: found.areaCode } : openPointAccount(tx, input);
}

/** Opens the account in its owner's community; one a concurrent transaction opened first is answered instead. */
export async function openPointAccount(
  tx: Tx,
  input: { kind: PointAccountKind; ownerId: string; areaCode: string },
): Promise<AreaKey> {
  // ON CONFLICT DO NOTHING: two transactions creating the same account both end up with the one that won.
  await insertAccountIfMissing(tx, {
    id: randomUUID(),
    areaCode: input.areaCode,
    kind: input.kind,
    ownerId: input.ownerId,
    balance: 0,
    createdAt: new Date(),
  });
  const row = await findOwnedAccount(tx, input.kind, input.ownerId, input.areaCode);
  if (!row) throw new Error('points: account vanished after insert');
  return { id: row.id, areaCode: row.areaCode };
}

/**
 * Books one transfer in the caller's transaction. Never drives a non-issuer balance below zero, even under concurrent
 * transfers (throws AppError 'points.insufficient'); the same (kind, refType, refId) booked twice returns the first
 * transfer with duplicate: true.
 *
 * Order: both accounts are locked in id order (FOR UPDATE: opposite transfers never deadlock, and concurrent debits
 * of one account queue), the debit is conditional (`balance >= n` unless issuer), and the transfer row is inserted
 * ON CONFLICT DO NOTHING on its idempotency key. Nothing is written when the points are insufficient, so a caller
 * that catches the error leaves no half-booked move behind.
 */
export async function transferPoints(
  ctx: AppContext,
  tx: Tx,
  input: TransferInput,
): Promise<{ transferId: string; duplicate: boolean }> {
  const points = input.points;
  if (!Number.isSafeInteger(points) || points <= 0 || input.from.id === input.to.id)
    throw new AppError('points.invalid_transfer');
  const existing = await findTransferByRef(tx, input);
  if (existing) return { transferId: existing.id, duplicate: true };

  const locked = await lockAccounts(tx, [input.from, input.to]);
  const from = locked.find((a) => a.id === input.from.id);
  const to = locked.find((a) => a.id === input.to.id);
  if (!from || !to) throw new AppError('points.invalid_transfer');
  // A concurrent transaction with the same key may have committed while this one waited for the locks.
  const raced = await findTransferByRef(tx, input);
  if (raced) return { transferId: raced.id, duplicate: true };

  if (!(await debit(tx, from, points, from.kind === 'issuer'))) throw new AppError('points.insufficient');
  const transfer = {
    id: randomUUID(),
    areaCode: input.areaCode,
    fromAccount: from.id,
    toAccount: to.id,
    points,
    kind: input.kind,
    refType: input.refType,
    refId: input.refId,
    memo: input.memo,
    reversesTransferId: input.reversesTransferId ?? null,
    createdBy: input.actorUserId,
    createdAt: ctx.clock.now(),
  };
  if (!(await insertTransferOnce(tx, transfer))) {
    // Booked by another transaction after all: give the debit back and answer with the first booking.
    await credit(tx, from, points);
    const first = await findTransferByRef(tx, input);
    if (!first) throw new Error('points: duplicate transfer vanished');
    return { transferId: first.id, duplicate: true };
  }
  await insertPostings(tx, transfer, from, to);
  await credit(tx, to, points);
  return { transferId: transfer.id, duplicate: false };
}

/** The current balance of an account. */
export async function pointBalance(tx: Tx, account: AreaKey): Promise<number> {
  const balance = await balanceOf(tx, account);
  if (balance === null) throw new AppError('points.not_found');
  return balance;
}
