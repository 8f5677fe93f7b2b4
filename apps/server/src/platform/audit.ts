import { createHmac } from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { auditChainHead, auditLog } from '../modules/audit/audit.tables';
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

/**
 * Appends events to the chain inside the caller's transaction. The head row lock serialises appenders,
 * so callers put this last in their transaction to hold it briefly.
 */
export async function appendAudit(tx: DbOrTx, key: Buffer, clock: Clock, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head) throw new Error('audit chain head missing: migrations not applied');
  let prevHash = head.lastHash;
  let seq = head.lastSeq;
  // Millisecond precision: what the hash covers must round-trip through timestamptz exactly.
  const at = new Date(Math.floor(clock.now().getTime()));
  const rows: ChainedRow[] = events.map((event) => {
    seq += 1;
    const hash = chainHash(key, prevHash, seq, at, event);
    const row = { ...event, seq, at, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // Both statements are queued on the connection at once: the chain head's lock is held for one wait, not two.
  await Promise.all([
    tx.insert(auditLog).values(rows),
    tx.update(auditChainHead).set({ lastSeq: seq, lastHash: prevHash }).where(eq(auditChainHead.id, 1)),
  ]);
}

export interface AuditWriterOptions {
  flushIntervalMs?: number;
  maxBuffered?: number;
}

/**
 * Batches audit rows for reads so a list page costs no extra round trip. Bounded: when the buffer is full
 * the read is refused (fails closed) rather than served unaudited.
 */
export class AuditWriter {
  private buffer: AuditEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
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
  }

  enqueue(event: AuditEvent): void {
    if (this.buffer.length >= this.maxBuffered) throw new AppError('audit.unavailable');
    this.buffer.push(event);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes everything buffered so far; resolves when it is committed. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.db
      .transaction(async (tx) => appendAudit(tx, this.key, this.clock, batch))
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
