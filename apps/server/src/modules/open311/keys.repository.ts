import { and, count, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { open311ApiKeys, open311RateWindows } from './open311.tables';

export type Open311KeyRow = typeof open311ApiKeys.$inferSelect;

export async function listKeys(
  db: DbOrTx,
  filter: { prefixes: readonly string[]; revoked?: boolean | undefined; page: number; pageSize: number },
) {
  const revoked =
    filter.revoked === undefined
      ? undefined
      : filter.revoked
        ? isNotNull(open311ApiKeys.revokedAt)
        : isNull(open311ApiKeys.revokedAt);
  const where = and(inScope(open311ApiKeys.areaCode, filter.prefixes), revoked);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(open311ApiKeys)
      .where(where)
      .orderBy(desc(open311ApiKeys.createdAt), desc(open311ApiKeys.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(open311ApiKeys).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findKey(db: DbOrTx, id: string): Promise<Open311KeyRow | null> {
  const [row] = await db.select().from(open311ApiKeys).where(eq(open311ApiKeys.id, id));
  return row ?? null;
}

export async function findKeyByHash(db: DbOrTx, hash: string): Promise<Open311KeyRow | null> {
  const [row] = await db.select().from(open311ApiKeys).where(eq(open311ApiKeys.keyHash, hash));
  return row ?? null;
}

export async function insertKey(db: DbOrTx, row: typeof open311ApiKeys.$inferInsert) {
  await db.insert(open311ApiKeys).values(row);
}

/** Revokes a live key; false when it was revoked already (one conditional UPDATE: two admins cannot both win). */
export async function revokeKey(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const done = await db
    .update(open311ApiKeys)
    .set({ revokedAt: at })
    .where(and(eq(open311ApiKeys.id, id), isNull(open311ApiKeys.revokedAt)))
    .returning({ id: open311ApiKeys.id });
  return done.length > 0;
}

export async function touchKey(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(open311ApiKeys).set({ lastUsedAt: at }).where(eq(open311ApiKeys.id, id));
}

/**
 * Counts one hit in the key's current minute and returns the minute's count, in one statement: concurrent hits from
 * several server processes each get their own number.
 */
export async function countHit(db: DbOrTx, key: Open311KeyRow, windowStart: Date): Promise<number> {
  const [row] = await db
    .insert(open311RateWindows)
    .values({ apiKeyId: key.id, areaCode: key.areaCode, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [open311RateWindows.apiKeyId, open311RateWindows.windowStart],
      set: { hits: sql`${open311RateWindows.hits} + 1` },
    })
    .returning({ hits: open311RateWindows.hits });
  return row?.hits ?? 1;
}

export async function pruneWindows(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(open311RateWindows).where(lt(open311RateWindows.windowStart, before));
}
