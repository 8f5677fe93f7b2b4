// Reads for statements, lists and exports (the ledger's writes live in points-ledger.repository.ts).
import { and, asc, count, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { inCommunities, inCommunityScope, inScope } from '../../platform/access';
import { type AreaKey, byKey } from '../../platform/colocated';
import type { DbOrTx } from '../../platform/db';
import { pointAccounts, pointEarnings, pointPostings, pointTransfers } from './points.tables';

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
    inCommunityScope(pointAccounts.areaCode, filter.prefixes),
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

/** An account by id; `communities` (scopeCommunities of the reader), when known, where it must lie (one shard group). */
export async function findAccountById(
  db: DbOrTx,
  id: string,
  communities: readonly string[] | null,
): Promise<PointAccountRow | null> {
  const [row] = await db
    .select()
    .from(pointAccounts)
    .where(and(eq(pointAccounts.id, id), inCommunities(pointAccounts.areaCode, communities)));
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

/**
 * An account's postings (its side of each transfer), newest first, signed from its side, with the counterpart's
 * kind: read by the account's community and id, so on one shard group (migration 0044).
 */
export async function statementLines(db: DbOrTx, account: AreaKey, page: number, pageSize: number) {
  const where = byKey(pointPostings.accountId, pointPostings.areaCode, account);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(pointPostings)
      .where(where)
      .orderBy(desc(pointPostings.createdAt), desc(pointPostings.transferId))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(pointPostings).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Signed sums per transfer kind from the account's side. */
export async function totalsByKind(db: DbOrTx, account: AreaKey): Promise<Record<string, number>> {
  const rows = await db
    .select({ kind: pointPostings.kind, n: sql<string>`sum(${pointPostings.points})` })
    .from(pointPostings)
    .where(byKey(pointPostings.accountId, pointPostings.areaCode, account))
    .groupBy(pointPostings.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/**
 * Volunteers' accounts with the points earned (kind earn, into the account) and spent (kind redeem, out of it) in
 * [since, until) — either end open. Each account is looked for in its volunteer's home community first (one shard
 * group per community on a Citus cluster), then anywhere for those not found there (an account stays where it was
 * opened when its volunteer moves); the sums read the accounts' postings by their communities.
 */
export async function volunteerAccountFigures(
  db: DbOrTx,
  volunteers: readonly { id: string; areaCode: string }[],
  since: Date | null,
  until: Date | null,
) {
  if (volunteers.length === 0) return [];
  const byOwner = (ids: string[], communities: string[] | null) =>
    db
      .select({
        id: pointAccounts.id,
        areaCode: pointAccounts.areaCode,
        ownerId: pointAccounts.ownerId,
        balance: pointAccounts.balance,
      })
      .from(pointAccounts)
      .where(
        and(
          eq(pointAccounts.kind, 'volunteer'),
          inArray(pointAccounts.ownerId, ids),
          inCommunities(pointAccounts.areaCode, communities),
        ),
      );
  const ids = volunteers.map((v) => v.id);
  const accounts = await byOwner(ids, [...new Set(volunteers.map((v) => v.areaCode))]);
  const elsewhere = ids.filter((id) => !accounts.some((a) => a.ownerId === id));
  if (elsewhere.length) accounts.push(...(await byOwner(elsewhere, null)));
  if (accounts.length === 0) return [];
  const p = pointPostings;
  const sums = await db
    .select({ account: p.accountId, kind: p.kind, n: sql<string>`sum(abs(${p.points}))` })
    .from(p)
    .where(
      and(
        inCommunities(p.areaCode, [...new Set(accounts.map((a) => a.areaCode))]),
        inArray(
          p.accountId,
          accounts.map((a) => a.id),
        ),
        or(and(eq(p.kind, 'earn'), sql`${p.points} > 0`), and(eq(p.kind, 'redeem'), sql`${p.points} < 0`)),
        since ? gte(p.createdAt, since) : undefined,
        until ? lt(p.createdAt, until) : undefined,
      ),
    )
    .groupBy(p.accountId, p.kind);
  const sum = (id: string, kind: string) => Number(sums.find((r) => r.account === id && r.kind === kind)?.n ?? 0);
  return accounts.map((a) => ({
    id: a.id,
    ownerId: a.ownerId,
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
