import type { FastifyBaseLogger } from 'fastify';
import { type AuditEvent, hasPendingAudit, queueAudit, sealAll, type TimedAuditEvent } from './audit';
import type { AnchorPoint, AuditAnchor } from './audit-anchor';
import type { Clock } from './clock';
import type { Db } from './db';
import { AppError } from './errors';

export interface AuditWriterOptions {
  /** How soon rows written to the outbox are sealed into the chain. */
  flushIntervalMs?: number;
  maxBuffered?: number;
  /**
   * Group-commit statements in flight at once, each on a pool connection of its own. Default 1: on the benchmark,
   * more writes in flight meant smaller batches and more statements, and no gain.
   */
  maxWrites?: number;
  /** Where sealed heads are anchored (ADR 0006); none in tests that do not look at it. */
  anchor?: AuditAnchor | null;
  /**
   * At most one anchor per this many milliseconds per process (the file gets a line per interval while rows are
   * sealed, not one per sealing round); the sweep writes a due anchor when no seal does.
   */
  anchorIntervalMs?: number;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // a batch nobody waits for (no request) must not become an unhandled rejection
  return { promise, resolve, reject };
}

/**
 * Two jobs. Writes read-audit rows to the outbox by group commit: rows are written right away, one statement for
 * all the rows queued in the same turn of the event loop, up to `maxWrites` statements at once; rows arriving while
 * that many are in flight go together in the next. The request that read waits for its rows (`settle`, from the
 * onSend hook) before its response leaves (ADR 0006, finding F8). Bounded: when too many rows wait, the read is
 * refused, failing closed rather than serving unaudited. And seals the outbox: rows are sealed within
 * `flushIntervalMs` of being queued (`poke`); the job runner's sweeps (`sealPending`, `upkeep`) catch anything left
 * behind.
 */
export class AuditWriter {
  /** Rows not yet written to the outbox: those of the next group commit, and rows of failed writes kept to retry. */
  private buffer: TimedAuditEvent[] = [];
  /** Settles when the rows now in `buffer` are written (or their write failed). */
  private bufferDone: Deferred | null = null;
  /** Writes in flight, each settling once its rows are committed or refused. */
  private readonly inFlight = new Set<Promise<void>>();
  private writeScheduled = false;
  private readonly maxWrites: number;
  /** requestId → the write its latest row is in; the request's onSend hook waits for it. */
  private readonly waits = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private sealing: Promise<void> | null = null;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;
  readonly anchor: AuditAnchor | null;
  private readonly anchorIntervalMs: number;
  /** The head this process sealed last, if it is not anchored yet; and when it last anchored (wall clock). */
  private unanchored: AnchorPoint | null = null;
  private anchoredAt = 0;

  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger | Console,
    options: AuditWriterOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.maxBuffered = options.maxBuffered ?? 20_000;
    this.maxWrites = options.maxWrites ?? 1;
    this.anchor = options.anchor ?? null;
    this.anchorIntervalMs = options.anchorIntervalMs ?? 10_000;
  }

  /**
   * The sweep behind the pokes, as the job 'audit.seal' (one process at a time, every 2 s; platform/jobs.ts): seals
   * rows nobody poked for — those of transactions that committed after a round, or left by a process that stopped.
   * Returns 1 when it sealed, 0 when the outbox was empty or a seal was already on its way.
   */
  async sealPending(): Promise<number> {
    if (this.sealing || this.timer) return 0;
    if (!(await hasPendingAudit(this.db))) return 0;
    await this.flush();
    return 1;
  }

  /**
   * This process's own upkeep, as the job 'audit.upkeep' (every process, every 2 s): writes read rows kept after a
   * failed write, and anchors the head it sealed last once the anchor interval has passed. No query when idle.
   */
  async upkeep(): Promise<void> {
    if (this.sealing || this.timer) return;
    if (this.buffer.length) return this.flush();
    await this.anchorIfDue(false);
  }

  /** Queues a read's audit row; it is written at once (group commit) and its request waits for it in onSend. */
  enqueue(event: AuditEvent): void {
    if (this.buffer.length >= this.maxBuffered) throw new AppError('audit.unavailable');
    this.buffer.push({ ...event, at: this.clock.now() });
    this.bufferDone ??= deferred();
    if (event.requestId) {
      // A request that reads twice waits for both writes (the first may have failed and be retried later).
      const earlier = this.waits.get(event.requestId);
      const batch = this.bufferDone.promise;
      const both = earlier && earlier !== batch ? Promise.all([earlier, batch]).then(() => undefined) : batch;
      both.catch(() => undefined); // awaited by settle(), or dropped by forget(): never an unhandled rejection
      this.waits.set(event.requestId, both);
    }
    this.scheduleWrite();
    this.poke();
  }

  /**
   * Resolves once every row the request queued is in the outbox; rejects with audit.unavailable when that write
   * failed, so the response becomes an error instead of unaudited data.
   */
  async settle(requestId: string): Promise<void> {
    const wait = this.waits.get(requestId);
    if (!wait) return;
    this.waits.delete(requestId);
    await wait.catch((error: unknown) => {
      throw error instanceof AppError ? error : new AppError('audit.unavailable');
    });
  }

  /** Drops a request's wait (after its response, whatever happened to it). */
  forget(requestId: string): void {
    this.waits.delete(requestId);
  }

  /** A write after this turn of the event loop (a request's rows go together), unless `maxWrites` are in flight. */
  private scheduleWrite(): void {
    if (this.writeScheduled || this.inFlight.size >= this.maxWrites) return;
    this.writeScheduled = true;
    setImmediate(() => {
      this.writeScheduled = false;
      this.write(false);
    });
  }

  /** Writes everything buffered in one statement (autocommit); `force` ignores the bound on writes in flight. */
  private write(force: boolean): Promise<void> | null {
    if (this.buffer.length === 0 || (!force && this.inFlight.size >= this.maxWrites)) return null;
    const batch = this.buffer;
    const done = this.bufferDone ?? deferred();
    this.buffer = [];
    this.bufferDone = null;
    let failed = false;
    const writing = queueAudit(this.db, this.clock, batch).then(
      () => {
        done.resolve();
        for (const e of batch)
          if (e.requestId && this.waits.get(e.requestId) === done.promise) this.waits.delete(e.requestId);
      },
      (error: unknown) => {
        // Keep the rows for the next attempt (a flush, the sweep or another write): never lose an audit row. The
        // requests waiting for them are refused. No retry from here: no tight loop against a database that is down.
        failed = true;
        this.buffer = batch.concat(this.buffer);
        done.reject(new AppError('audit.unavailable'));
        this.log.error({ err: error }, 'audit write failed');
      },
    );
    const tracked: Promise<void> = writing.finally(() => {
      this.inFlight.delete(tracked);
      if (!failed && this.buffer.length) this.scheduleWrite(); // rows that waited for a free slot
    });
    this.inFlight.add(tracked);
    return tracked;
  }

  /** Asks for a seal soon (after a request queued rows in its transaction). */
  poke(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  /** Writes everything queued so far and seals the outbox (anchoring the head); resolves when that is committed. */
  async flush(): Promise<void> {
    // The writes in flight, and one more for what is buffered (rows of a failed write too): every row queued before
    // this call is then committed or back in the buffer; rows queued after it do not hold the flush up.
    const writes = [...this.inFlight];
    const rest = this.write(true);
    if (rest) writes.push(rest);
    await Promise.allSettled(writes);
    while (this.sealing) await this.sealing;
    this.sealing = sealAll(this.db, this.key, 5000)
      .then(({ last }) => {
        if (last) this.unanchored = last;
        return this.anchorIfDue(false);
      })
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'audit seal failed');
      })
      .finally(() => {
        this.sealing = null;
      });
    await this.sealing;
  }

  /** Appends the last sealed head to the anchor file when the interval has passed (or `force`, at close). */
  private async anchorIfDue(force: boolean): Promise<void> {
    const point = this.unanchored;
    if (!this.anchor || !point || (!force && Date.now() - this.anchoredAt < this.anchorIntervalMs)) return;
    this.unanchored = null;
    this.anchoredAt = Date.now();
    try {
      await this.anchor.append(point, this.clock.now());
    } catch (error) {
      if (!this.unanchored) this.unanchored = point; // try again at the next round
      this.log.error({ err: error }, 'audit anchor write failed');
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    await this.anchorIfDue(true); // a stopping server anchors the head it reached
  }
}
