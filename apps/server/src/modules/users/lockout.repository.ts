import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { loginThrottle } from './users.tables';

/** Lockout (security.md decision 4): this many wrong passwords or codes in a row lock the account for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 30;

export async function findThrottle(db: DbOrTx, key: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.usernameKey, key));
  return row ?? null;
}

export function saveThrottle(db: DbOrTx, row: typeof loginThrottle.$inferInsert) {
  return db
    .insert(loginThrottle)
    .values(row)
    .onConflictDoUpdate({
      target: loginThrottle.usernameKey,
      set: { failures: row.failures, lockedUntil: row.lockedUntil, updatedAt: row.updatedAt },
    });
}

/**
 * Counts one attempt against a username in one statement, so concurrent attempts cannot all read the same old count.
 * Returns the count after this attempt and whether the account is locked (an expired lock starts a fresh count; a
 * live one is left as it is).
 */
export async function bumpFailures(db: DbOrTx, key: string, now: Date): Promise<{ failures: number; locked: boolean }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ usernameKey: key, failures: 1, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.usernameKey,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.lockedUntil} > ${at} THEN ${loginThrottle.failures}
          WHEN ${loginThrottle.lockedUntil} IS NOT NULL THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        lockedUntil: sql`CASE WHEN ${loginThrottle.lockedUntil} > ${at} THEN ${loginThrottle.lockedUntil} ELSE NULL END`,
        updatedAt: now,
      },
    })
    .returning({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil });
  return { failures: row?.failures ?? 1, locked: Boolean(row?.lockedUntil && row.lockedUntil > now) };
}

export function lockThrottle(db: DbOrTx, key: string, now: Date, until: Date) {
  return db
    .update(loginThrottle)
    .set({ failures: 0, lockedUntil: until, updatedAt: now })
    .where(eq(loginThrottle.usernameKey, key));
}

/** Counts one failure; at `max` the account locks until `lockedUntil`. Returns whether the account is now locked. */
export async function countFailure(
  db: DbOrTx,
  key: string,
  now: Date,
  max: number,
  lockedUntil: Date,
): Promise<boolean> {
  const { failures, locked } = await bumpFailures(db, key, now);
  if (locked) return true;
  if (failures < max) return false;
  await lockThrottle(db, key, now, lockedUntil);
  return true;
}

export function clearThrottle(db: DbOrTx, key: string) {
  return db.delete(loginThrottle).where(eq(loginThrottle.usernameKey, key));
}
