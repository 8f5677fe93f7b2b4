import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { EventBus, retryDelayMs } from '../src/platform/events';
import { eventOutbox } from '../src/platform/events.tables';
import { useTestApp } from './harness';

declare module '../src/platform/events' {
  interface LinliEvents {
    'test.ping': { n: number };
    'test.later': { n: number };
  }
}

/** platform/events.ts: emitted in the caller's transaction, in-transaction handlers there, the rest once after commit. */
const t = useTestApp();

const meta = { actorId: null, areaCode: '510107001004' };

describe('events between modules', () => {
  it('records the event and runs in-transaction handlers in the emitter’s transaction: a rollback undoes both', async () => {
    const bus = new EventBus(t.app.ctx.db, t.clock, console);
    const seen: number[] = [];
    bus.onInTransaction('test.ping', async (_tx, payload) => {
      seen.push(payload.n);
      if (payload.n === 2) throw new Error('handler refuses');
    });
    await t.app.ctx.db.transaction((tx) => bus.emit(tx, 'test.ping', { n: 1 }, meta));
    await expect(t.app.ctx.db.transaction((tx) => bus.emit(tx, 'test.ping', { n: 2 }, meta))).rejects.toThrow(
      'handler refuses',
    );
    const rows = await t.app.ctx.db.select().from(eventOutbox).where(eq(eventOutbox.type, 'test.ping'));
    expect(rows.map((r) => r.payload)).toEqual([{ n: 1 }]);
    // Nobody handles it after commit: it is done at once.
    expect(rows[0]!.processedAt).not.toBeNull();
    expect(seen).toEqual([1, 2]);
  });

  it('delivers after-commit events once, retries a failing handler with a growing delay, and shares work between buses', async () => {
    const delivered: number[] = [];
    let failOnce = true;
    const make = () => {
      const bus = new EventBus(t.app.ctx.db, t.clock, { error: () => undefined } as unknown as Console);
      bus.onAfterCommit('test.later', 'collect', async (_tx, payload) => {
        if (payload.n === 3 && failOnce) {
          failOnce = false;
          throw new Error('gateway down');
        }
        delivered.push(payload.n);
      });
      return bus;
    };
    const one = make();
    const two = make();
    await t.app.ctx.db.transaction(async (tx) => {
      for (const n of [1, 2, 3, 4]) await one.emit(tx, 'test.later', { n }, meta);
    });
    // Rolled back: never delivered.
    await t.app.ctx.db
      .transaction(async (tx) => {
        await one.emit(tx, 'test.later', { n: 99 }, meta);
        tx.rollback();
      })
      .catch(() => undefined);
    // Two "processes" deliver at the same time: each event once.
    await Promise.all([one.deliver(), two.deliver()]);
    expect(delivered.sort()).toEqual([1, 2, 4]);
    const [failed] = await t.app.ctx.db.select().from(eventOutbox).where(eq(eventOutbox.lastError, 'gateway down'));
    expect(failed).toMatchObject({ attempts: 1, processedAt: null });
    expect(failed!.nextAttemptAt!.getTime() - t.clock.now().getTime()).toBe(retryDelayMs(1));
    // Not before its time…
    await one.deliver();
    expect(delivered).not.toContain(3);
    // …then once.
    t.clock.advance(retryDelayMs(1));
    await Promise.all([one.deliver(), two.deliver()]);
    expect(delivered.sort()).toEqual([1, 2, 3, 4]);
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(retryDelayMs(40)).toBe(3600_000);
  });
});
