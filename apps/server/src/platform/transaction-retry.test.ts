import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE, type TestDatabase, createTestDatabase } from '../../test/database';
import { type Db, type Tx, queryRows } from './db';
import { isCancelledToLetAnotherThrough, sqlState, transactionRetried } from './transaction-retry';

/** An error as Drizzle throws it: the driver's error, with its SQLSTATE, as the cause. */
const wrapped = (code: string) =>
  Object.assign(new Error('Failed query'), { cause: Object.assign(new Error(code), { code }) });

/** A stand-in database whose transactions fail with the given errors, one per run, then succeed. */
function failingDb(errors: Error[]): { db: Db; runs: () => number } {
  let runs = 0;
  const db = {
    transaction: async <T>(work: (tx: Tx) => Promise<T>) => {
      runs += 1;
      const error = errors.shift();
      if (error) throw error;
      return work({} as Tx);
    },
  } as unknown as Db;
  return { db, runs: () => runs };
}

describe('transactionRetried', () => {
  it('runs a transaction the database cancelled as a deadlock or serialization failure again, and nothing else', async () => {
    expect(sqlState(wrapped('40P01'))).toBe('40P01');
    expect(isCancelledToLetAnotherThrough(Object.assign(new Error('x'), { code: '40001' }))).toBe(true);
    expect(isCancelledToLetAnotherThrough(wrapped('23505'))).toBe(false);

    const twice = failingDb([wrapped('40P01'), wrapped('40001')]);
    const retried: number[] = [];
    await expect(
      transactionRetried(twice.db, async () => 'done', { onRetry: (attempt) => retried.push(attempt) }),
    ).resolves.toBe('done');
    expect(twice.runs()).toBe(3);
    expect(retried).toEqual([1, 2]);

    const unique = failingDb([wrapped('23505')]);
    await expect(transactionRetried(unique.db, async () => 'done')).rejects.toThrow('Failed query');
    expect(unique.runs()).toBe(1);

    const always = failingDb([wrapped('40P01'), wrapped('40P01'), wrapped('40P01')]);
    await expect(transactionRetried(always.db, async () => 'done', { attempts: 3 })).rejects.toThrow('Failed query');
    expect(always.runs()).toBe(3);
  });
});

// One connection on PGlite: two transactions never run at once there, so they cannot deadlock.
describe.skipIf(TEST_ENGINE !== 'postgres')('transactionRetried on PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.owner(
      'CREATE TABLE retry_probe (id int PRIMARY KEY, n int NOT NULL); INSERT INTO retry_probe VALUES (1, 0), (2, 0); GRANT SELECT, UPDATE ON retry_probe TO linli_app',
    );
  });
  afterAll(() => t.drop());

  /** Two transactions that each lock one row, wait for the other to lock its row, then want the other's row. */
  async function crossing(run: (work: (tx: Tx) => Promise<void>) => Promise<void>) {
    let locked = 0;
    let bothLocked!: () => void;
    const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
    const bump = (tx: Tx, id: number) => tx.execute(sql`UPDATE retry_probe SET n = n + 1 WHERE id = ${id}`);
    const work = (first: number, second: number) => async (tx: Tx) => {
      await bump(tx, first);
      if (++locked === 2) bothLocked();
      await barrier; // on a run again the barrier is long open: no second deadlock
      await bump(tx, second);
    };
    return Promise.allSettled([run(work(1, 2)), run(work(2, 1))]);
  }

  const counts = async () =>
    (await queryRows<{ n: number }>(t.database.db, sql`SELECT n FROM retry_probe ORDER BY id`)).map((r) => Number(r.n));

  it('without it one of two crossing transactions is cancelled as a deadlock (40P01)', async () => {
    const before = await counts();
    const results = await crossing((work) => t.database.db.transaction(work));
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(sqlState((failed[0] as PromiseRejectedResult).reason)).toBe('40P01');
    expect(await counts()).toEqual(before.map((n) => n + 1)); // only the survivor's two updates
  });

  it('with it both commit, each once: the cancelled one runs again', async () => {
    const before = await counts();
    let retries = 0;
    const results = await crossing((work) => transactionRetried(t.database.db, work, { onRetry: () => retries++ }));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(retries).toBe(1);
    expect(await counts()).toEqual(before.map((n) => n + 2));
  });
});
