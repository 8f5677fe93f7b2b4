import { and, count, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { otpCodes } from './residents.tables';

export const MAX_CODE_ATTEMPTS = 5;

/**
 * Serialises code requests for these keys (a phone's and an IP's digests) until the transaction ends, so two server
 * processes counting the same rows cannot both let a request through.
 */
export async function lockOtpKeys(tx: DbOrTx, keys: string[]): Promise<void> {
  for (const key of keys) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`otp:${key}`}))`);
}

export async function countCodesSince(tx: DbOrTx, by: { phoneBidx?: string; ipKey?: string }, since: Date) {
  const [row] = await tx
    .select({ n: count() })
    .from(otpCodes)
    .where(
      and(
        by.phoneBidx ? eq(otpCodes.phoneBidx, by.phoneBidx) : undefined,
        by.ipKey ? eq(otpCodes.ipKey, by.ipKey) : undefined,
        gte(otpCodes.createdAt, since),
      ),
    );
  return Number(row?.n ?? 0);
}

/** A new code replaces the phone's earlier ones for the same purpose: only the latest may be used. */
export function retireLiveCodes(tx: DbOrTx, phoneBidx: string, purpose: 'signup' | 'reset', now: Date) {
  return tx
    .update(otpCodes)
    .set({ usedAt: now })
    .where(and(eq(otpCodes.phoneBidx, phoneBidx), eq(otpCodes.purpose, purpose), isNull(otpCodes.usedAt)));
}

export function insertCode(tx: DbOrTx, row: typeof otpCodes.$inferInsert) {
  return tx.insert(otpCodes).values(row);
}

/**
 * Counts one attempt against the phone's live code in one statement (concurrent guesses cannot share a count) and
 * returns it, or null when there is none left to try (none sent, expired, used, or out of attempts).
 */
export async function attemptLiveCode(db: DbOrTx, phoneBidx: string, purpose: 'signup' | 'reset', now: Date) {
  const live = db
    .select({ id: otpCodes.id })
    .from(otpCodes)
    .where(
      and(
        eq(otpCodes.phoneBidx, phoneBidx),
        eq(otpCodes.purpose, purpose),
        isNull(otpCodes.usedAt),
        gt(otpCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  const [row] = await db
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(and(sql`${otpCodes.id} = (${live})`, sql`${otpCodes.attempts} < ${MAX_CODE_ATTEMPTS}`))
    .returning({ id: otpCodes.id, codeHmac: otpCodes.codeHmac });
  return row ?? null;
}

/** Marks a code used, once: of two requests with the same right code, one wins. */
export async function useCode(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(otpCodes)
    .set({ usedAt: now })
    .where(and(eq(otpCodes.id, id), isNull(otpCodes.usedAt)))
    .returning({ id: otpCodes.id });
  return rows.length > 0;
}
