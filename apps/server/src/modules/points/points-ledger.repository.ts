// The ledger's SQL: accounts, transfers and the conditional balance moves. Only this file writes balances.
import { and, eq, sql } from 'drizzle-orm';
import { lockByKey } from '../../platform/colocated';
import type { DbOrTx } from '../../platform/db';
import { pointAccounts, pointTransfers } from './points.tables';

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

export async function findAccountByOwner(db: DbOrTx, kind: PointAccountRow['kind'], ownerId: string) {
  const [row] = await db
    .select()
    .from(pointAccounts)
    .where(and(eq(pointAccounts.kind, kind), eq(pointAccounts.ownerId, ownerId)));
  return row ?? null;
}

export async function findAccount(db: DbOrTx, id: string): Promise<PointAccountRow | null> {
  const [row] = await db.select().from(pointAccounts).where(eq(pointAccounts.id, id));
  return row ?? null;
}

/**
 * Locks both accounts of a transfer in id order (so two opposite transfers never deadlock) and returns them. Each is
 * locked by its community and id: Citus locks rows only within one shard, and the two may lie in two communities.
 */
export async function lockAccounts(db: DbOrTx, ids: readonly string[]): Promise<PointAccountRow[]> {
  const locked: PointAccountRow[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const row = await lockByKey(db, pointAccounts, id);
    if (row) locked.push(row);
  }
  return locked;
}

export async function findTransferByRef(db: DbOrTx, kind: PointTransferRow['kind'], refType: string, refId: string) {
  const [row] = await db
    .select()
    .from(pointTransfers)
    .where(and(eq(pointTransfers.kind, kind), eq(pointTransfers.refType, refType), eq(pointTransfers.refId, refId)));
  return row ?? null;
}

export async function findTransfer(db: DbOrTx, id: string): Promise<PointTransferRow | null> {
  const [row] = await db.select().from(pointTransfers).where(eq(pointTransfers.id, id));
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
 * Takes `points` from an account: unconditionally for an issuer, else only while the balance covers it. Returns
 * false when it did not (nothing changed).
 */
export async function debit(db: DbOrTx, accountId: string, points: number, mayGoNegative: boolean): Promise<boolean> {
  const rows = await db
    .update(pointAccounts)
    .set({ balance: sql`${pointAccounts.balance} - ${points}` })
    .where(
      mayGoNegative
        ? eq(pointAccounts.id, accountId)
        : and(eq(pointAccounts.id, accountId), sql`${pointAccounts.balance} >= ${points}`),
    )
    .returning({ id: pointAccounts.id });
  return rows.length === 1;
}

export async function credit(db: DbOrTx, accountId: string, points: number): Promise<void> {
  await db
    .update(pointAccounts)
    .set({ balance: sql`${pointAccounts.balance} + ${points}` })
    .where(eq(pointAccounts.id, accountId));
}

export async function balanceOf(db: DbOrTx, accountId: string): Promise<number | null> {
  const [row] = await db
    .select({ balance: pointAccounts.balance })
    .from(pointAccounts)
    .where(eq(pointAccounts.id, accountId));
  return row ? Number(row.balance) : null;
}

/** Σ of reversals/returns already booked against a transfer. */
export async function reversedSoFar(db: DbOrTx, transferId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${pointTransfers.points}), 0)` })
    .from(pointTransfers)
    .where(eq(pointTransfers.reversesTransferId, transferId));
  return Number(row?.n ?? 0);
}

/** The ledger's checks: Σ balances, and every account whose cached balance differs from Σin − Σout. */
export async function ledgerCheck(db: DbOrTx): Promise<{ sum: number; mismatched: string[] }> {
  // Grouped apart and compared here: on Citus an account and its transfers may lie in different communities, and a
  // correlated subquery across them is refused (issue 14).
  const [accounts, credits, debits] = await Promise.all([
    db.select({ id: pointAccounts.id, balance: pointAccounts.balance }).from(pointAccounts),
    db
      .select({ id: pointTransfers.toAccount, s: sql<string>`sum(${pointTransfers.points})` })
      .from(pointTransfers)
      .groupBy(pointTransfers.toAccount),
    db
      .select({ id: pointTransfers.fromAccount, s: sql<string>`sum(${pointTransfers.points})` })
      .from(pointTransfers)
      .groupBy(pointTransfers.fromAccount),
  ]);
  const net = new Map<string, number>();
  for (const c of credits) net.set(c.id, (net.get(c.id) ?? 0) + Number(c.s));
  for (const d of debits) net.set(d.id, (net.get(d.id) ?? 0) - Number(d.s));
  return {
    sum: accounts.reduce((total, a) => total + Number(a.balance), 0),
    mismatched: accounts.filter((a) => Number(a.balance) !== (net.get(a.id) ?? 0)).map((a) => a.id),
  };
}
