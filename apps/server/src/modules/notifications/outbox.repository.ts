import { and, asc, count, desc, eq, inArray, isNull, lte, min, or, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { notificationDeliveries as d } from './notifications.tables';

export type DeliveryRow = typeof d.$inferSelect;
export type DeliveryInsert = typeof d.$inferInsert;

export async function insertDeliveries(db: DbOrTx, rows: DeliveryInsert[]): Promise<void> {
  if (rows.length > 0) await db.insert(d).values(rows);
}

const claimable = (now: Date) =>
  or(and(eq(d.status, 'pending'), lte(d.nextAttemptAt, now)), and(eq(d.status, 'sending'), lte(d.lockedUntil, now)));

/**
 * Claims up to `limit` due deliveries for this process in one statement: pending rows whose time has come, and
 * rows another process claimed but never finished (its lease ran out: killed mid-send). FOR UPDATE SKIP LOCKED in
 * the sub-select and the re-check in the UPDATE make two processes never claim the same row; the attempt is
 * counted at the claim, so a row that kills its sender still reaches the dead letters.
 */
export async function claimDue(db: DbOrTx, now: Date, leaseUntil: Date, limit: number): Promise<DeliveryRow[]> {
  const due = db
    .select({ id: d.id })
    .from(d)
    .where(claimable(now))
    .orderBy(asc(d.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(d)
    .set({ status: 'sending', lockedUntil: leaseUntil, attempts: sql`${d.attempts} + 1` })
    .where(and(inArray(d.id, due), claimable(now)))
    .returning();
}

/** Ends a claim (only while the lease is still this process's: a row taken over by another is left alone). */
export async function finishClaim(
  db: DbOrTx,
  row: Pick<DeliveryRow, 'id' | 'lockedUntil'>,
  set: Partial<Pick<DeliveryRow, 'status' | 'nextAttemptAt' | 'lastError' | 'sentAt' | 'attempts'>>,
): Promise<boolean> {
  const done = await db
    .update(d)
    .set({ ...set, lockedUntil: null })
    .where(and(eq(d.id, row.id), eq(d.status, 'sending'), eq(d.lockedUntil, row.lockedUntil!)))
    .returning({ id: d.id });
  return done.length === 1;
}

/** Queue figures for the job admin page. */
export async function outboxStats(db: DbOrTx) {
  const rows = await db
    .select({ status: d.status, failing: sql<boolean>`${d.attempts} > 0`, n: count(), oldest: min(d.createdAt) })
    .from(d)
    .where(inArray(d.status, ['pending', 'sending', 'dead']))
    .groupBy(d.status, sql`${d.attempts} > 0`);
  let pending = 0;
  let failed = 0;
  let dead = 0;
  let oldest: Date | null = null;
  for (const r of rows) {
    if (r.status === 'dead') dead += Number(r.n);
    else {
      pending += Number(r.n);
      if (r.failing && r.status === 'pending') failed += Number(r.n);
      const at = r.oldest ? new Date(r.oldest) : null;
      if (at && (!oldest || at < oldest)) oldest = at;
    }
  }
  return { pending, failed, dead, oldestPendingAt: oldest };
}

/** Rows an administrator with these scope prefixes sees: of their areas, or of no area (account and sign-up texts). */
const visible = (prefixes: readonly string[]) => or(isNull(d.areaCode), inScope(d.areaCode, prefixes));

export async function listDeliveries(
  db: DbOrTx,
  filter: { prefixes: readonly string[]; status?: DeliveryRow['status'] | undefined; page: number; pageSize: number },
) {
  const where = and(visible(filter.prefixes), filter.status ? eq(d.status, filter.status) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(d)
      .where(where)
      .orderBy(desc(d.createdAt), desc(d.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(d).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findDelivery(db: DbOrTx, id: string, prefixes: readonly string[]): Promise<DeliveryRow | null> {
  const [row] = await db
    .select()
    .from(d)
    .where(and(eq(d.id, id), visible(prefixes)));
  return row ?? null;
}

/** A dead letter back in the queue, due now, with a fresh count of attempts. */
export async function requeueDead(db: DbOrTx, id: string, now: Date): Promise<DeliveryRow | null> {
  const [row] = await db
    .update(d)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(d.id, id), eq(d.status, 'dead')))
    .returning();
  return row ?? null;
}

/** For tests and the restart check: a delivery's state. */
export async function deliveryState(db: DbOrTx, id: string): Promise<DeliveryRow | null> {
  const [row] = await db.select().from(d).where(eq(d.id, id));
  return row ?? null;
}
