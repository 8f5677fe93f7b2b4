import { createHmac } from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { auditChainHead, auditLog, auditPending } from '../modules/audit/audit.tables';
import { insertColumnar } from './bulk-insert';
import { AppError } from './errors';
import type { Clock } from './clock';
import type { Db, DbOrTx } from './db';

export type AuditResult = 'success' | 'failure' | 'denied';

/** One audit event. Field names only, never values. */
export interface AuditEvent {
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  areaCodes: string[];
  action: string;
  objectType: string | null;
  objectIds: string[];
  fields: string[];
  result: AuditResult;
  ip: string | null;
  requestId: string | null;
  detail: string | null;
}

type ChainedRow = AuditEvent & { seq: number; at: Date; prevHash: string; hash: string };

function canonical(seq: number, at: Date, e: AuditEvent): string {
  return JSON.stringify([
    seq, at.toISOString(), e.actorId, e.actorName, e.role, e.areaCodes, e.action, e.objectType,
    e.objectIds, e.fields, e.result, e.ip, e.requestId, e.detail,
  ]);
}

export function chainHash(key: Buffer, prevHash: string, seq: number, at: Date, event: AuditEvent): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical(seq, at, event)).digest('base64url');
}

/** An event with the time it happened (pending rows keep their own time into the chain). */
export type TimedAuditEvent = AuditEvent & { at?: Date };

/** Milliseconds only: what the hash covers must round-trip through timestamptz exactly. */
const toMillis = (d: Date) => new Date(Math.floor(d.getTime()));

/**
 * Appends events to the chain inside the caller's transaction, under the chain head's row lock (so appenders are
 * serialised). The server calls this only from the sealer, once per batch; requests queue rows instead.
 */
export async function appendAudit(tx: DbOrTx, key: Buffer, clock: Clock, events: TimedAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await chainEvents(tx, key, clock, await lockChainHead(tx), events);
}

type ChainHead = typeof auditChainHead.$inferSelect;

/** Locks the chain head row for the rest of the transaction and returns it. */
async function lockChainHead(tx: DbOrTx): Promise<ChainHead> {
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head) throw new Error('audit chain head missing: migrations not applied');
  return head;
}

/** Chains events after `head` (which the caller has locked) and moves the head. */
async function chainEvents(tx: DbOrTx, key: Buffer, clock: Clock, head: ChainHead, events: TimedAuditEvent[]): Promise<void> {
  let prevHash = head.lastHash;
  let seq = head.lastSeq;
  const now = toMillis(clock.now());
  const rows: ChainedRow[] = events.map(({ at: when, ...event }) => {
    seq += 1;
    const at = when ? toMillis(when) : now;
    const hash = chainHash(key, prevHash, seq, at, event);
    const row = { ...event, seq, at, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // Both statements are queued on the connection at once: the lock is held for one wait, not two.
  // Column arrays, not a VALUES list: a batch of thousands of rows stays far below the bind-parameter limit.
  await Promise.all([
    insertColumnar(tx, auditLog, rows),
    tx.update(auditChainHead).set({ lastSeq: seq, lastHash: prevHash }).where(eq(auditChainHead.id, 1)),
  ]);
}

/** Writes audit rows to the outbox in the caller's transaction: one insert, no lock (ADR 0005). */
export async function queueAudit(tx: DbOrTx, clock: Clock, events: TimedAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const now = toMillis(clock.now());
  await insertColumnar(tx, auditPending, events.map((e) => ({ ...e, at: e.at ? toMillis(e.at) : now })));
}

/**
 * Moves pending audit rows into the chain, oldest id first, in batches; returns how many. Sealers in several
 * processes take turns on the chain head's lock; rows of transactions not yet committed wait for a later round.
 */
export async function sealAudit(db: Db, key: Buffer, clock: Clock, batchSize = 5000): Promise<number> {
  let sealed = 0;
  for (;;) {
    const moved = await db.transaction(async (tx) => {
      // Take the head first: two sealers never interleave, and the pending rows read below are not sealed twice.
      const head = await lockChainHead(tx);
      await tx.execute(sql`SELECT set_config('linli.audit_sealing', 'on', true)`);
      const rows = await tx.delete(auditPending)
        .where(sql`${auditPending.id} IN (SELECT id FROM audit_pending ORDER BY id LIMIT ${batchSize})`)
        .returning();
      rows.sort((a, b) => a.id - b.id);
      if (rows.length) await chainEvents(tx, key, clock, head, rows.map(({ id: _id, ...event }) => event));
      return rows.length;
    });
    sealed += moved;
    if (moved < batchSize) return sealed;
  }
}

export async function hasPendingAudit(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: auditPending.id }).from(auditPending).limit(1);
  return rows.length > 0;
}

export interface AuditWriterOptions {
  flushIntervalMs?: number;
  /** How often the sealer looks for rows left by transactions that committed after its last round. */
  sweepIntervalMs?: number;
  maxBuffered?: number;
}

/**
 * Two jobs. Batches audit rows for reads so a list page costs no extra round trip (bounded: when the buffer is full
 * the read is refused, failing closed rather than serving unaudited). And seals the outbox: written rows are sealed
 * within `flushIntervalMs` of being queued (`poke`), and a sweep catches anything left behind.
 */
export class AuditWriter {
  private buffer: TimedAuditEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly sweep: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger | Console,
    options: AuditWriterOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.maxBuffered = options.maxBuffered ?? 20_000;
    this.sweep = setInterval(() => {
      if (this.flushing || this.timer) return;
      void hasPendingAudit(this.db).then((pending) => (pending ? this.flush() : undefined)).catch(() => undefined);
    }, options.sweepIntervalMs ?? 2000);
    this.sweep.unref();
  }

  enqueue(event: AuditEvent): void {
    if (this.buffer.length >= this.maxBuffered) throw new AppError('audit.unavailable');
    this.buffer.push({ ...event, at: this.clock.now() });
    this.poke();
  }

  /** Asks for a flush and seal soon (after a request queued rows in its transaction). */
  poke(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  /** Writes everything buffered so far and seals the outbox; resolves when that is committed. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = (async () => {
      if (batch.length) await this.db.transaction((tx) => queueAudit(tx, this.clock, batch));
      await sealAudit(this.db, this.key, this.clock);
    })()
      .catch((error: unknown) => {
        // Keep the rows for the next attempt; the bound above turns a lasting failure into refused reads.
        this.buffer = batch.concat(this.buffer);
        this.log.error({ err: error }, 'audit flush failed');
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Walks the chain in order and names the first row that was altered, removed or inserted. */
export async function verifyAuditChain(db: DbOrTx, key: Buffer, batchSize = 2000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = 'genesis';
  let checked = 0;
  const broken = (seq: number, reason: string): VerifyResult => ({ ok: false, checked, firstBrokenSeq: seq, reason });
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, `row ${expectedSeq} is missing (deleted)`);
      if (row.prevHash !== prevHash) return broken(row.seq, `row ${row.seq} does not link to the row before it`);
      const { seq, at, prevHash: _p, hash, ...event } = row;
      if (chainHash(key, prevHash, seq, at, event as AuditEvent) !== hash) {
        return broken(row.seq, `row ${row.seq} was altered`);
      }
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (head && head.lastSeq !== expectedSeq - 1) {
    return broken(expectedSeq, `rows ${expectedSeq}…${head.lastSeq} are missing (deleted at the end)`);
  }
  if (head && head.lastHash !== prevHash) return broken(expectedSeq - 1, `the chain head does not match row ${expectedSeq - 1}`);
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}

export async function countAudit(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return row?.n ?? 0;
}
