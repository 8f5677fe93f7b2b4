import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock';
import type { Db, DbOrTx } from './db';
import { eventOutbox } from './events.tables';

/**
 * The events modules exchange, by type. Each module declares its own by merging into this interface:
 *
 *     declare module '../../platform/events' { interface LinliEvents { 'care.visit.recorded': { visitId: string } } }
 *
 * Payloads carry ids and codes, never personal values: they are stored in the outbox.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in each module
export interface LinliEvents {}
export type EventType = keyof LinliEvents;

export interface EventMeta {
  /** Who caused it (null for the system). */
  actorId: string | null;
  /** The area it concerns; null for account events. */
  areaCode: string | null;
}

/** Runs inside the emitter's transaction: what it writes commits or rolls back with the change. */
export type InTransactionHandler<K extends EventType> = (
  tx: DbOrTx,
  payload: LinliEvents[K],
  meta: EventMeta,
) => Promise<void>;
/** Runs after commit, from the outbox, in a transaction of its own; at least once, so it must be idempotent. */
export type AfterCommitHandler<K extends EventType> = (
  tx: DbOrTx,
  payload: LinliEvents[K],
  meta: EventMeta & { eventId: number },
) => Promise<void>;

/** How long a failed after-commit delivery waits before the next try: 5 s, 10 s, 20 s … up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3600_000, 5000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Typed events between modules, written to an outbox in the caller's transaction (as audit rows are). A module
 * registers its handlers in its `register()` (see LinliModule in app.ts); the emitter does not know who listens, so
 * modules call each other through events instead of through each other's services.
 */
export class EventBus {
  private readonly inTx = new Map<string, InTransactionHandler<EventType>[]>();
  private readonly afterCommit = new Map<string, { name: string; handler: AfterCommitHandler<EventType> }[]>();
  private timer: NodeJS.Timeout | null = null;
  /** Delivering in this process (the server): an emit pokes delivery at once. */
  private started = false;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger | Console,
  ) {}

  /** A handler that must hold in the emitter's transaction (it fails the change if it fails). */
  onInTransaction<K extends EventType>(type: K, handler: InTransactionHandler<K>): void {
    const list = this.inTx.get(type) ?? [];
    list.push(handler as unknown as InTransactionHandler<EventType>);
    this.inTx.set(type, list);
  }

  /** A handler run after commit from the outbox (notifications, points…); `name` identifies it in logs. */
  onAfterCommit<K extends EventType>(type: K, name: string, handler: AfterCommitHandler<K>): void {
    const list = this.afterCommit.get(type) ?? [];
    list.push({ name, handler: handler as unknown as AfterCommitHandler<EventType> });
    this.afterCommit.set(type, list);
  }

  /** Records the event in the caller's transaction and runs its in-transaction handlers there. */
  async emit<K extends EventType>(tx: DbOrTx, type: K, payload: LinliEvents[K], meta: EventMeta): Promise<void> {
    const now = this.clock.now();
    const later = this.afterCommit.has(type);
    await tx.insert(eventOutbox).values({
      type,
      areaCode: meta.areaCode,
      payload: payload as Record<string, unknown>,
      actorId: meta.actorId,
      createdAt: now,
      processedAt: later ? null : now,
    });
    for (const handler of this.inTx.get(type) ?? []) await handler(tx, payload, meta);
    if (later) this.poke();
  }

  /**
   * Starts delivering after-commit events soon after each emit (50 ms). Retries and rows other processes left are
   * the job 'events.deliver' (platform/jobs.setup.ts), the sweep behind these pokes.
   */
  start(): void {
    this.started = true;
  }

  private poke(): void {
    if (!this.started || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.deliver().catch(() => undefined);
    }, 50);
    this.timer.unref();
  }

  /**
   * Delivers due events, oldest first, each in a transaction of its own that locks its row (SKIP LOCKED: several
   * server processes share the work, and each event is delivered by one of them at a time). Returns how many.
   */
  async deliver(limit = 100): Promise<number> {
    while (this.running) await this.running;
    this.running = this.deliverBatch(limit).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async deliverBatch(limit: number): Promise<number> {
    let delivered = 0;
    for (let i = 0; i < limit; i++) {
      const done = await this.db.transaction(async (tx) => {
        const now = this.clock.now();
        const [row] = await tx
          .select()
          .from(eventOutbox)
          .where(
            and(
              isNull(eventOutbox.processedAt),
              or(isNull(eventOutbox.nextAttemptAt), lte(eventOutbox.nextAttemptAt, now)),
            ),
          )
          .orderBy(asc(eventOutbox.id))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!row) return false;
        const meta = { actorId: row.actorId, areaCode: row.areaCode, eventId: row.id };
        try {
          // A savepoint: a failing handler undoes its own writes, and the attempt is still recorded below.
          await tx.transaction(async (inner) => {
            for (const { handler } of this.afterCommit.get(row.type) ?? [])
              await handler(inner, row.payload as never, meta);
          });
          await tx
            .update(eventOutbox)
            .set({ processedAt: now, attempts: row.attempts + 1, lastError: null })
            .where(eq(eventOutbox.id, row.id));
        } catch (error) {
          const attempts = row.attempts + 1;
          this.log.error({ err: error, eventId: row.id, type: row.type }, 'event handler failed');
          await tx
            .update(eventOutbox)
            .set({
              attempts,
              nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
              lastError: error instanceof Error ? error.message.slice(0, 500) : 'failed',
            })
            .where(eq(eventOutbox.id, row.id));
        }
        return true;
      });
      if (!done) break;
      delivered++;
    }
    return delivered;
  }

  /** Removes delivered events older than `days` (the audit log, not the outbox, is the record). */
  async prune(days = 30): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
    const rows = await this.db
      .delete(eventOutbox)
      .where(and(lt(eventOutbox.processedAt, cutoff), sql`${eventOutbox.processedAt} IS NOT NULL`))
      .returning({ id: eventOutbox.id });
    return rows.length;
  }

  async close(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }
}
