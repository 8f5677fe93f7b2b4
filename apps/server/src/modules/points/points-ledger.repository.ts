// The ledger's SQL: accounts, transfers and the conditional balance moves. Only this file writes balances.
import { and, eq, sql } from 'drizzle-orm';
import { type AreaKey, byKey } from '../../platform/colocated';
import type { DbOrTx } from '../../platform/db';
import { pointAccounts, pointPostings, pointTransfers } from './points.tables';

/** An account by its community and id: every statement on it names its shard (issue 14). */
const accountKey = (key: AreaKey) => byKey(pointAccounts.id, pointAccounts.areaCode, key);

export type PointAccountRow = typeof pointAccounts.$inferSelect;
export type PointTransferRow = typeof pointTransfers.$inferSelect;

/**
 * ON CONFLICT DO NOTHING with no target: every unique index is an arbiter. On one PostgreSQL the account has two
 * equivalent keys, (kind, owner_id) and (area_code, kind, owner_id) (migration 0036, kept for Citus); naming only the
 * second let a concurrent first use fail on the first with 23505 instead of doing nothing (CI, 2026-12-04; the
 * race is in points-ledger.test.ts).
 */
export async function insertAccountIfMissing(db: DbOrTx, row: typeof pointAccounts.$inferInsert): Promise<void> {
  await db.insert(pointAccounts).values(row).onConflictDoNothing();
}

/** The account of this kind and owner; `areaCode`, when given, the community it must lie in (one shard group). */
export async function findAccountByOwner(
  db: DbOrTx,
  kind: PointAccountRow['kind'],
  ownerId: string,
  areaCode?: string,
): Promise<PointAccountRow | null> {
  const [row] = await db
    .select()
    .from(pointAccounts)
    .where(
      and(
        eq(pointAccounts.kind, kind),
        eq(pointAccounts.ownerId, ownerId),
        areaCode ? eq(pointAccounts.areaCode, areaCode) : undefined,
      ),
    );
  return row ?? null;
}

/**
 * The account of this kind and owner, looked for in `likelyArea` (the owner's community: one shard group on a Citus
 * cluster) and then anywhere, so that an account opened before its owner moved is still found.
 */
export async function findOwnedAccount(
  db: DbOrTx,
  kind: PointAccountRow['kind'],
  ownerId: string,
  likelyArea: string,
): Promise<PointAccountRow | null> {
  return (await findAccountByOwner(db, kind, ownerId, likelyArea)) ?? (await findAccountByOwner(db, kind, ownerId));
}

/**
 * Locks both accounts of a transfer in id order (so two opposite transfers never deadlock) and returns them. Each is
 * locked by its community and id (its AreaKey): Citus locks rows only within one shard, and the two may lie in two
 * communities.
 */
export async function lockAccounts(db: DbOrTx, keys: readonly AreaKey[]): Promise<PointAccountRow[]> {
  const locked: PointAccountRow[] = [];
  const sorted = [...new Map(keys.map((k) => [k.id, k])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const key of sorted) {
    const [row] = await db.select().from(pointAccounts).where(accountKey(key)).for('update');
    if (row) locked.push(row);
  }
  return locked;
}

/** The transfer booked under this idempotency key in the community it belongs to (TransferInput.areaCode). */
export async function findTransferByRef(
  db: DbOrTx,
  key: { kind: PointTransferRow['kind']; refType: string; refId: string; areaCode: string },
) {
  const [row] = await db
    .select()
    .from(pointTransfers)
    .where(
      and(
        eq(pointTransfers.areaCode, key.areaCode),
        eq(pointTransfers.kind, key.kind),
        eq(pointTransfers.refType, key.refType),
        eq(pointTransfers.refId, key.refId),
      ),
    );
  return row ?? null;
}

/**
 * Inserts the transfer unless its (kind, ref_type, ref_id) is booked already; true when inserted. No conflict target,
 * as for accounts: the key exists with and without area_code, and both must be arbiters under concurrency.
 */
export async function insertTransferOnce(db: DbOrTx, row: typeof pointTransfers.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(pointTransfers)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: pointTransfers.id });
  return inserted.length === 1;
}

/**
 * Each account's side of a booked transfer (migration 0044), under the account's community: the statements read
 * these. Two rows in one statement; on a Citus cluster the two may go to two shard groups (one transaction).
 */
export async function insertPostings(
  db: DbOrTx,
  transfer: PointTransferRow,
  from: Pick<PointAccountRow, 'id' | 'areaCode' | 'kind'>,
  to: Pick<PointAccountRow, 'id' | 'areaCode' | 'kind'>,
): Promise<void> {
  const side = (account: typeof from, counterpart: typeof from, points: number) => ({
    areaCode: account.areaCode,
    accountId: account.id,
    transferId: transfer.id,
    points,
    kind: transfer.kind,
    counterpartKind: counterpart.kind,
    memo: transfer.memo,
    refType: transfer.refType,
    refId: transfer.refId,
    reversesTransferId: transfer.reversesTransferId,
    createdAt: transfer.createdAt,
  });
  await db.insert(pointPostings).values([side(from, to, -transfer.points), side(to, from, transfer.points)]);
}

/**
 * Takes `points` from an account: unconditionally for an issuer, else only while the balance covers it. Returns
 * false when it did not (nothing changed).
 */
export async function debit(db: DbOrTx, account: AreaKey, points: number, mayGoNegative: boolean): Promise<boolean> {
  const rows = await db
    .update(pointAccounts)
    .set({ balance: sql`${pointAccounts.balance} - ${points}` })
    .where(mayGoNegative ? accountKey(account) : and(accountKey(account), sql`${pointAccounts.balance} >= ${points}`))
    .returning({ id: pointAccounts.id });
  return rows.length === 1;
}

export async function credit(db: DbOrTx, account: AreaKey, points: number): Promise<void> {
  await db
    .update(pointAccounts)
    .set({ balance: sql`${pointAccounts.balance} + ${points}` })
    .where(accountKey(account));
}

export async function balanceOf(db: DbOrTx, account: AreaKey): Promise<number | null> {
  const [row] = await db.select({ balance: pointAccounts.balance }).from(pointAccounts).where(accountKey(account));
  return row ? Number(row.balance) : null;
}

/**
 * The ledger's checks: Σ balances, and every account whose cached balance differs from Σin − Σout of its transfers
 * or from the sum of its postings (migration 0044: a transfer booked without its two postings shows here).
 */
export async function ledgerCheck(db: DbOrTx): Promise<{ sum: number; mismatched: string[] }> {
  // Grouped apart and compared here: on Citus an account and its transfers may lie in different communities, and a
  // correlated subquery across them is refused (issue 14).
  const [accounts, credits, debits, postings] = await Promise.all([
    db.select({ id: pointAccounts.id, balance: pointAccounts.balance }).from(pointAccounts),
    db
      .select({ id: pointTransfers.toAccount, s: sql<string>`sum(${pointTransfers.points})` })
      .from(pointTransfers)
      .groupBy(pointTransfers.toAccount),
    db
      .select({ id: pointTransfers.fromAccount, s: sql<string>`sum(${pointTransfers.points})` })
      .from(pointTransfers)
      .groupBy(pointTransfers.fromAccount),
    db
      .select({ id: pointPostings.accountId, s: sql<string>`sum(${pointPostings.points})` })
      .from(pointPostings)
      .groupBy(pointPostings.accountId),
  ]);
  const net = new Map<string, number>();
  for (const c of credits) net.set(c.id, (net.get(c.id) ?? 0) + Number(c.s));
  for (const d of debits) net.set(d.id, (net.get(d.id) ?? 0) - Number(d.s));
  const posted = new Map(postings.map((p) => [p.id, Number(p.s)]));
  const wrong = (a: { id: string; balance: number }) =>
    Number(a.balance) !== (net.get(a.id) ?? 0) || Number(a.balance) !== (posted.get(a.id) ?? 0);
  return {
    sum: accounts.reduce((total, a) => total + Number(a.balance), 0),
    mismatched: accounts.filter(wrong).map((a) => a.id),
  };
}
