import type { Db, Tx } from './db';

/**
 * The SQLSTATE of a database error, as the pg driver and PGlite report it (Drizzle may wrap it as the cause).
 */
export function sqlState(error: unknown): string | null {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.cause?.code === 'string' ? e.cause.code : null;
}

/** A unique-index violation (23505). */
export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

/**
 * Errors with which the database cancelled a whole transaction to let another one through: a deadlock (40P01; on a
 * Citus cluster also a distributed deadlock the coordinator broke, ADR 0009) or a serialization failure (40001).
 * Nothing of the transaction was kept, so it may be run again from its start.
 */
export function isCancelledToLetAnotherThrough(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40P01' || state === '40001';
}

export interface RetryOptions {
  /** Runs of the transaction in all, the first included. */
  attempts?: number;
  /** Called before each new run (tests count them; the server logs nothing: the caller's request still succeeds). */
  onRetry?: (attempt: number, error: unknown) => void;
}

/**
 * Runs `work` in a transaction and, when the database cancels it as a deadlock or a serialization failure, runs it
 * again (up to `attempts` runs, a short random pause between them so the two do not meet again at once). `work`
 * must only change the database (and compute): anything it did outside the transaction would be done twice. Made
 * for short writes that meet others on shared rows — accounts, whose roles live in a Citus reference table that
 * every node locks (a CI run of 2026-12-03 had ten accounts made at once cancel one).
 */
export async function transactionRetried<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isCancelledToLetAnotherThrough(error)) throw error;
      options.onRetry?.(attempt, error);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
