import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { byKey, inSameArea, type AreaKey } from '../../platform/colocated';
import { inCommunities, inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import {
  supermarketRedemptionLines,
  supermarketRedemptions,
  supermarketReturns,
  supermarkets,
} from './supermarket.tables';

export type RedemptionRow = typeof supermarketRedemptions.$inferSelect;
export type LineRow = typeof supermarketRedemptionLines.$inferSelect;
export type ReturnRow = typeof supermarketReturns.$inferSelect;
/** With its supermarket's name and reservation days (a reservation's deadline is reckoned from them). */
export type RedemptionWithLines = RedemptionRow & {
  supermarketName: string;
  reservationDays: number;
  lines: LineRow[];
};
type RedemptionHead = RedemptionRow & { supermarketName: string; reservationDays: number };

/** Inserts the redemption unless its id is taken (the same submission again): true when this call inserted it. */
export async function claimRedemption(tx: DbOrTx, row: RedemptionRow): Promise<boolean> {
  const inserted = await tx
    .insert(supermarketRedemptions)
    .values(row)
    // No target: the primary key is the table's only unique index, and it is (area_code, id) on Citus, (id) elsewhere.
    .onConflictDoNothing()
    .returning({ id: supermarketRedemptions.id });
  return inserted.length > 0;
}

export function insertLines(tx: DbOrTx, rows: LineRow[]) {
  return tx.insert(supermarketRedemptionLines).values(rows);
}

export function setRedemptionTransfer(tx: DbOrTx, redemption: AreaKey, transferId: string) {
  const t = supermarketRedemptions;
  return tx
    .update(t)
    .set({ transferId })
    .where(byKey(t.id, t.areaCode, redemption));
}

/** Moves a redemption from one of `from` to a new status; false when a racing step moved it first. */
export async function transitionRedemption(
  tx: DbOrTx,
  redemption: AreaKey,
  from: readonly string[],
  set: Partial<RedemptionRow>,
): Promise<boolean> {
  const t = supermarketRedemptions;
  const rows = await tx
    .update(t)
    .set(set)
    .where(and(byKey(t.id, t.areaCode, redemption), inArray(t.status, [...from])))
    .returning({ id: supermarketRedemptions.id });
  return rows.length > 0;
}

/** Counts `quantity` more of a line as returned, only if that stays within what was redeemed. */
export async function returnLine(tx: DbOrTx, redemption: AreaKey, itemId: string, quantity: number) {
  const t = supermarketRedemptionLines;
  const rows = await tx
    .update(t)
    .set({ returnedQuantity: sql`${t.returnedQuantity} + ${quantity}` })
    .where(
      and(
        byKey(t.redemptionId, t.areaCode, redemption),
        eq(t.itemId, itemId),
        sql`${t.returnedQuantity} + ${quantity} <= ${t.quantity}`,
      ),
    )
    .returning({ itemId: t.itemId });
  return rows.length > 0;
}

/** Adds returned points; the redemption becomes 'returned' once everything is back. */
export function addReturnedPoints(tx: DbOrTx, redemption: AreaKey, points: number) {
  const t = supermarketRedemptions;
  return tx
    .update(t)
    .set({
      returnedPoints: sql`${t.returnedPoints} + ${points}`,
      status: sql`CASE WHEN ${t.returnedPoints} + ${points} >= ${t.totalPoints} AND ${t.status} = 'collected'
        THEN 'returned' ELSE ${t.status} END`,
    })
    .where(byKey(t.id, t.areaCode, redemption));
}

export async function claimReturn(tx: DbOrTx, row: ReturnRow): Promise<boolean> {
  const inserted = await tx
    .insert(supermarketReturns)
    .values(row)
    .onConflictDoNothing() // the primary key, as above
    .returning({ id: supermarketReturns.id });
  return inserted.length > 0;
}

export function setReturnTransfer(tx: DbOrTx, giveBack: AreaKey, transferId: string) {
  const t = supermarketReturns;
  return tx
    .update(t)
    .set({ transferId })
    .where(byKey(t.id, t.areaCode, giveBack));
}

export async function findReturn(db: DbOrTx, id: string): Promise<ReturnRow | null> {
  const [row] = await db.select().from(supermarketReturns).where(eq(supermarketReturns.id, id));
  return row ?? null;
}

async function withLines(db: DbOrTx, rows: RedemptionHead[]): Promise<RedemptionWithLines[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .select()
    .from(supermarketRedemptionLines)
    .where(
      and(
        inCommunities(supermarketRedemptionLines.areaCode, [...new Set(rows.map((r) => r.areaCode))]),
        inArray(
          supermarketRedemptionLines.redemptionId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(supermarketRedemptionLines.itemName);
  return rows.map((r) => ({ ...r, lines: lines.filter((l) => l.redemptionId === r.id) }));
}

const selection = {
  r: supermarketRedemptions,
  supermarketName: supermarkets.name,
  reservationDays: supermarkets.reservationDays,
};
const head = (row: { r: RedemptionRow; supermarketName: string; reservationDays: number }): RedemptionHead => ({
  ...row.r,
  supermarketName: row.supermarketName,
  reservationDays: row.reservationDays,
});

/** `communities`: where it must lie when the caller knows (its supermarket's, the reader's): one shard group. */
export async function findRedemption(
  db: DbOrTx,
  id: string,
  communities: readonly string[] | null = null,
): Promise<RedemptionWithLines | null> {
  const [row] = await db
    .select(selection)
    .from(supermarketRedemptions)
    .innerJoin(
      supermarkets,
      inSameArea(eq(supermarkets.id, supermarketRedemptions.supermarketId), supermarkets, supermarketRedemptions),
    )
    .where(and(eq(supermarketRedemptions.id, id), inCommunities(supermarketRedemptions.areaCode, communities)));
  if (!row) return null;
  const [full] = await withLines(db, [head(row)]);
  return full ?? null;
}

export type RedemptionFilter = {
  prefixes?: readonly string[];
  volunteerId?: string | undefined;
  supermarketId?: string | undefined;
  status?: string | undefined;
};

export async function listRedemptions(db: DbOrTx, filter: RedemptionFilter & { page: number; pageSize: number }) {
  const t = supermarketRedemptions;
  const where = and(
    filter.prefixes ? inScope(t.areaCode, filter.prefixes) : undefined,
    filter.volunteerId ? eq(t.volunteerId, filter.volunteerId) : undefined,
    filter.supermarketId ? eq(t.supermarketId, filter.supermarketId) : undefined,
    filter.status ? eq(t.status, filter.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(selection)
      .from(t)
      .innerJoin(supermarkets, inSameArea(eq(supermarkets.id, t.supermarketId), supermarkets, t))
      .where(where)
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(t).where(where),
  ]);
  const items = await withLines(db, rows.map(head));
  return { rows: items, total: Number(total?.n ?? 0) };
}

/**
 * Reservations not collected within their supermarket's reservation days by `now`, oldest first (a batch; the job
 * takes the next batch on its next run). Read without locks: each is then moved on only by the conditional UPDATE
 * of transitionRedemption, so a racing collect, cancel or second runner wins or loses cleanly.
 */
export async function expiredReservationIds(db: DbOrTx, now: Date, limit = 200): Promise<string[]> {
  const t = supermarketRedemptions;
  const rows = await db
    .select({ id: t.id })
    .from(t)
    .innerJoin(supermarkets, inSameArea(eq(supermarkets.id, t.supermarketId), supermarkets, t))
    .where(
      and(
        eq(t.status, 'reserved'),
        sql`${t.createdAt} + make_interval(days => ${supermarkets.reservationDays}) <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(t.createdAt), asc(t.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
