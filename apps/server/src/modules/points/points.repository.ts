// Reads for statements, lists and exports (the ledger's writes live in points-ledger.repository.ts).
import { and, asc, count, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { pointAccounts, pointEarnings, pointTransfers } from './points.tables';

export type PointAccountRow = typeof pointAccounts.$inferSelect;

export async function listAccounts(
  db: DbOrTx,
  filter: {
    prefixes: readonly string[];
    areaCode?: string | undefined;
    kind?: PointAccountRow['kind'] | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where = and(
    inScope(pointAccounts.areaCode, filter.prefixes),
    filter.areaCode ? eq(pointAccounts.areaCode, filter.areaCode) : undefined,
    filter.kind ? eq(pointAccounts.kind, filter.kind) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(pointAccounts)
      .where(where)
      .orderBy(asc(pointAccounts.areaCode), asc(pointAccounts.kind), desc(pointAccounts.balance), asc(pointAccounts.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(pointAccounts).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findAccountById(db: DbOrTx, id: string): Promise<PointAccountRow | null> {
  const [row] = await db.select().from(pointAccounts).where(eq(pointAccounts.id, id));
  return row ?? null;
}

export async function findOwnedAccount(db: DbOrTx, kind: PointAccountRow['kind'], ownerId: string) {
  const [row] = await db
    .select()
    .from(pointAccounts)
    .where(and(eq(pointAccounts.kind, kind), eq(pointAccounts.ownerId, ownerId)));
  return row ?? null;
}

/**
 * The kind and owner of each account named, by id. Read apart from the transfers they are the ends of: a transfer and
 * its two accounts may lie in three communities, which Citus does not join in one statement (issue 14).
 */
async function accountsById(db: DbOrTx, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await db
        .select({ id: pointAccounts.id, kind: pointAccounts.kind, ownerId: pointAccounts.ownerId })
        .from(pointAccounts)
        .where(inArray(pointAccounts.id, unique))
    : [];
  const found = new Map(rows.map((r) => [r.id, r]));
  return {
    /**
     * The account at one end of a transfer. A missing one is a broken ledger, not a row to leave out: one PostgreSQL
     * keeps the foreign key, a Citus cluster cannot (src/db/distribution.ts), and a statement or export that skipped
     * the transfer would show balances that do not add up. So it fails, naming both.
     */
    of(id: string, transferId: string) {
      const account = found.get(id);
      if (!account) throw new Error(`love-bank transfer ${transferId} names account ${id}, which does not exist`);
      return account;
    },
  };
}

type TransferRow = typeof pointTransfers.$inferSelect;

/** An account's transfers, newest first, signed from its side, with the counterpart's kind. */
export async function statementLines(db: DbOrTx, accountId: string, page: number, pageSize: number) {
  const where = or(eq(pointTransfers.fromAccount, accountId), eq(pointTransfers.toAccount, accountId));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(pointTransfers)
      .where(where)
      .orderBy(desc(pointTransfers.createdAt), desc(pointTransfers.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(pointTransfers).where(where),
  ]);
  const counterpart = (t: TransferRow) => (t.fromAccount === accountId ? t.toAccount : t.fromAccount);
  const accounts = await accountsById(db, rows.map(counterpart));
  return {
    rows: rows.map((t) => ({
      ...t,
      points: t.toAccount === accountId ? t.points : -t.points,
      counterpartKind: accounts.of(counterpart(t), t.id).kind,
    })),
    total: Number(total?.n ?? 0),
  };
}

/** Signed sums per transfer kind from the account's side. */
export async function totalsByKind(db: DbOrTx, accountId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({
      kind: pointTransfers.kind,
      n: sql<string>`sum(CASE WHEN ${pointTransfers.toAccount} = ${accountId} THEN ${pointTransfers.points} ELSE -${pointTransfers.points} END)`,
    })
    .from(pointTransfers)
    .where(or(eq(pointTransfers.fromAccount, accountId), eq(pointTransfers.toAccount, accountId)))
    .groupBy(pointTransfers.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/**
 * Volunteers' accounts with the points earned (kind earn, into the account) and spent (kind redeem, out of it) in
 * [since, until) — either end open.
 */
export async function volunteerAccountFigures(
  db: DbOrTx,
  volunteerIds: readonly string[],
  since: Date | null,
  until: Date | null,
) {
  if (volunteerIds.length === 0) return [];
  const accounts = await db
    .select({ id: pointAccounts.id, ownerId: pointAccounts.ownerId, balance: pointAccounts.balance })
    .from(pointAccounts)
    .where(and(eq(pointAccounts.kind, 'volunteer'), inArray(pointAccounts.ownerId, [...volunteerIds])));
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.id);
  const t = pointTransfers;
  const sums = await db
    .select({
      account: sql<string>`CASE WHEN ${t.kind} = 'earn' THEN ${t.toAccount} ELSE ${t.fromAccount} END`,
      kind: t.kind,
      n: sql<string>`sum(${t.points})`,
    })
    .from(t)
    .where(
      and(
        or(and(eq(t.kind, 'earn'), inArray(t.toAccount, ids)), and(eq(t.kind, 'redeem'), inArray(t.fromAccount, ids))),
        since ? gte(t.createdAt, since) : undefined,
        until ? lt(t.createdAt, until) : undefined,
      ),
    )
    .groupBy(sql`1`, t.kind);
  const sum = (id: string, kind: string) => Number(sums.find((r) => r.account === id && r.kind === kind)?.n ?? 0);
  return accounts.map((a) => ({
    ...a,
    balance: Number(a.balance),
    earned: sum(a.id, 'earn'),
    spent: sum(a.id, 'redeem'),
  }));
}

/** A community's figures: its accounts by kind, its transfers by kind, and the reversal shortfall. */
export async function communityFigures(db: DbOrTx, areaCode: string) {
  const [accounts, transfers, [shortfall]] = await Promise.all([
    db
      .select({
        kind: pointAccounts.kind,
        n: count(),
        balance: sql<string>`coalesce(sum(${pointAccounts.balance}), 0)`,
      })
      .from(pointAccounts)
      .where(eq(pointAccounts.areaCode, areaCode))
      .groupBy(pointAccounts.kind),
    db
      .select({ kind: pointTransfers.kind, n: sql<string>`coalesce(sum(${pointTransfers.points}), 0)` })
      .from(pointTransfers)
      .where(eq(pointTransfers.areaCode, areaCode))
      .groupBy(pointTransfers.kind),
    db
      .select({ n: sql<string>`coalesce(sum(${pointEarnings.shortfall}), 0)` })
      .from(pointEarnings)
      .where(eq(pointEarnings.areaCode, areaCode)),
  ]);
  return {
    accounts: accounts.map((a) => ({ kind: a.kind, n: Number(a.n), balance: Number(a.balance) })),
    byKind: Object.fromEntries(transfers.map((t) => [t.kind, Number(t.n)])),
    shortfall: Number(shortfall?.n ?? 0),
  };
}

/** Transfers in scope for the export, oldest first (capped by `limit`), with both ends' kind and owner. */
export async function exportTransfers(
  db: DbOrTx,
  prefixes: readonly string[],
  areaCode: string | undefined,
  limit: number,
) {
  const transfers = await db
    .select()
    .from(pointTransfers)
    .where(
      and(inScope(pointTransfers.areaCode, prefixes), areaCode ? eq(pointTransfers.areaCode, areaCode) : undefined),
    )
    .orderBy(asc(pointTransfers.createdAt), asc(pointTransfers.id))
    .limit(limit);
  const accounts = await accountsById(
    db,
    transfers.flatMap((t) => [t.fromAccount, t.toAccount]),
  );
  return transfers.map((t) => {
    const from = accounts.of(t.fromAccount, t.id);
    const to = accounts.of(t.toAccount, t.id);
    return { t, fromKind: from.kind, fromOwner: from.ownerId, toKind: to.kind, toOwner: to.ownerId };
  });
}
