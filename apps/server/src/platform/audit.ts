import { createHmac } from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { auditChainHead, auditLog, auditPending } from '../modules/audit/audit.tables';
import type { AnchorPoint, AuditAnchor } from './audit-anchor';
import { AppError } from './errors';
import type { Clock } from './clock';
import { type Db, type DbOrTx, queryRows } from './db';

export type AuditResult = 'success' | 'failure' | 'denied';

/** One audit event (R-16). Field names only, never values. */
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

/**
 * What the database stamps on a row when audit_enqueue() receives it (migration 0010, ADR 0006): its own clock and
 * the role that called. Null only on rows queued before that migration.
 */
export interface ReceiptStamp {
  receivedAt: Date | null;
  dbRole: string | null;
}

function canonical(seq: number, at: Date, e: AuditEvent, stamp: ReceiptStamp | null): string {
  const fields: unknown[] = [
    seq, at.toISOString(), e.actorId, e.actorName, e.role, e.areaCodes, e.action, e.objectType,
    e.objectIds, e.fields, e.result, e.ip, e.requestId, e.detail,
  ];
  // Rows from before the stamp existed hash as they always did; every later row covers both (nulling them out
  // changes what is hashed, so it shows as an altered row).
  if (stamp && (stamp.receivedAt !== null || stamp.dbRole !== null)) fields.push(stamp.receivedAt?.toISOString() ?? null, stamp.dbRole);
  return JSON.stringify(fields);
}

export function chainHash(key: Buffer, prevHash: string, seq: number, at: Date, event: AuditEvent, stamp: ReceiptStamp | null = null): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical(seq, at, event, stamp)).digest('base64url');
}

/** An event with the time it happened (pending rows keep their own time into the chain). */
export type TimedAuditEvent = AuditEvent & { at?: Date };

/** Milliseconds only: what the hash covers must round-trip through timestamptz exactly. */
const toMillis = (d: Date) => new Date(Math.floor(d.getTime()));

/** A text[] element of a column array: the array literal, cast back per row by audit_enqueue(). */
const arrayLiteral = (values: string[]) => `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;

/**
 * Writes audit rows to the outbox in the caller's transaction (or on their own, given the database): one call of
 * audit_enqueue() with one array per column, whatever the number of rows, no lock (ADR 0005, 0006).
 */
export async function queueAudit(tx: DbOrTx, clock: Clock, events: TimedAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const now = toMillis(clock.now());
  const column = <T>(pick: (e: TimedAuditEvent) => T) => sql.param(events.map(pick));
  await tx.execute(sql`SELECT audit_enqueue(
    ${column((e) => (e.at ? toMillis(e.at) : now).toISOString())}::timestamptz[], ${column((e) => e.actorId)}::uuid[],
    ${column((e) => e.actorName)}::text[], ${column((e) => e.role)}::text[], ${column((e) => arrayLiteral(e.areaCodes))}::text[],
    ${column((e) => e.action)}::text[], ${column((e) => e.objectType)}::text[], ${column((e) => arrayLiteral(e.objectIds))}::text[],
    ${column((e) => arrayLiteral(e.fields))}::text[], ${column((e) => e.result)}::text[], ${column((e) => e.ip)}::text[],
    ${column((e) => e.requestId)}::text[], ${column((e) => e.detail)}::text[])`);
}

const asDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
const asText = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * Seals one batch inside the caller's transaction: audit_seal_begin() locks the chain head and hands over the
 * oldest pending rows, the hashes are computed here (the key never reaches the database), and audit_seal() moves
 * those rows into the chain. Two round trips, the head locked in between.
 */
async function sealBatch(tx: DbOrTx, key: Buffer, batchSize: number): Promise<{ count: number; last: AnchorPoint | null }> {
  const rows = await queryRows<Record<string, unknown>>(tx, sql`SELECT * FROM audit_seal_begin(${batchSize}::integer)`);
  if (rows.length === 0) return { count: 0, last: null };
  let prevHash = String(rows[0]!.head_hash);
  let seq = Number(rows[0]!.head_seq);
  const ids: number[] = [];
  const hashes: string[] = [];
  for (const r of rows) {
    seq += 1;
    const event: AuditEvent = {
      actorId: asText(r.actor_id), actorName: asText(r.actor_name), role: asText(r.role), areaCodes: r.area_codes as string[],
      action: String(r.action), objectType: asText(r.object_type), objectIds: r.object_ids as string[], fields: r.fields as string[],
      result: r.result as AuditResult, ip: asText(r.ip), requestId: asText(r.request_id), detail: asText(r.detail),
    };
    const stamp = { receivedAt: r.received_at === null ? null : asDate(r.received_at), dbRole: asText(r.db_role) };
    prevHash = chainHash(key, prevHash, seq, asDate(r.at), event, stamp);
    ids.push(Number(r.id));
    hashes.push(prevHash);
  }
  await tx.execute(sql`SELECT audit_seal(${sql.param(ids)}::bigint[], ${sql.param(hashes)}::text[])`);
  return { count: rows.length, last: { seq, hash: prevHash } };
}

/**
 * Queues events and seals the outbox inside the caller's transaction (so they are chained when it commits).
 * The server never does this (requests queue, the sealer seals); tests and tools that want a chain at once do.
 */
export async function appendAudit(tx: DbOrTx, key: Buffer, clock: Clock, events: TimedAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await queueAudit(tx, clock, events);
  while ((await sealBatch(tx, key, 5000)).count === 5000);
}

/**
 * Moves pending audit rows into the chain, oldest id first, in batches; returns how many. Sealers in several
 * processes take turns on the chain head's lock; rows of transactions not yet committed wait for a later round.
 * With an anchor, the head reached is appended to the anchor file once the last batch has committed.
 */
export async function sealAudit(db: Db, key: Buffer, clock: Clock, batchSize = 5000, anchor: AuditAnchor | null = null): Promise<number> {
  let sealed = 0;
  let last: AnchorPoint | null = null;
  for (;;) {
    const batch = await db.transaction((tx) => sealBatch(tx, key, batchSize));
    sealed += batch.count;
    last = batch.last ?? last;
    if (batch.count < batchSize) break;
  }
  if (last && anchor) await anchor.append(last, clock.now());
  return sealed;
}

export async function hasPendingAudit(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: auditPending.id }).from(auditPending).limit(1);
  return rows.length > 0;
}

export interface AuditWriterOptions {
  /** How soon rows written to the outbox are sealed into the chain. */
  flushIntervalMs?: number;
  /** How often the sealer looks for rows left by transactions that committed after its last round. */
  sweepIntervalMs?: number;
  maxBuffered?: number;
  /** Where sealed heads are anchored (ADR 0006); none in tests that do not look at it. */
  anchor?: AuditAnchor | null;
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
 * Two jobs. Writes read-audit rows to the outbox by group commit: a row is written right away, together with
 * every row that arrived while the previous write was in flight, in one statement; the request that read waits
 * for its row (`settle`, from the onSend hook) before its response leaves (ADR 0006, finding F8). Bounded: when
 * too many rows wait, the read is refused, failing closed rather than serving unaudited. And seals the outbox:
 * rows are sealed within `flushIntervalMs` of being queued (`poke`), and a sweep catches anything left behind.
 */
export class AuditWriter {
  /** Rows not yet written to the outbox: those of the next group commit, and rows of failed writes kept to retry. */
  private buffer: TimedAuditEvent[] = [];
  /** Settles when the rows now in `buffer` are written (or their write failed). */
  private bufferDone: Deferred | null = null;
  /** The group-commit loop, while it runs; and the batch it is writing. */
  private writing: Promise<void> | null = null;
  private inFlight: Promise<void> | null = null;
  /** requestId → the write its latest row is in; the request's onSend hook waits for it. */
  private readonly waits = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private readonly sweep: NodeJS.Timeout;
  private sealing: Promise<void> | null = null;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;
  readonly anchor: AuditAnchor | null;

  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger | Console,
    options: AuditWriterOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.maxBuffered = options.maxBuffered ?? 20_000;
    this.anchor = options.anchor ?? null;
    this.sweep = setInterval(() => {
      if (this.sealing || this.timer) return;
      if (this.buffer.length) return void this.flush();
      void hasPendingAudit(this.db).then((pending) => (pending ? this.flush() : undefined)).catch(() => undefined);
    }, options.sweepIntervalMs ?? 2000);
    this.sweep.unref();
  }

  /** Queues a read's audit row; it is written at once (group commit) and its request waits for it in onSend. */
  enqueue(event: AuditEvent): void {
    if (this.buffer.length >= this.maxBuffered) throw new AppError('audit.unavailable');
    this.buffer.push({ ...event, at: this.clock.now() });
    this.bufferDone ??= deferred();
    if (event.requestId) this.waits.set(event.requestId, this.bufferDone.promise);
    this.writing ??= this.groupCommit();
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

  private async groupCommit(): Promise<void> {
    try {
      // Rows queued in this turn of the event loop go together.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.buffer.length) {
        const batch = this.buffer;
        const done = this.bufferDone ?? deferred();
        this.buffer = [];
        this.bufferDone = null;
        this.inFlight = done.promise;
        try {
          await queueAudit(this.db, this.clock, batch);
        } catch (error) {
          // Keep the rows for the next attempt (a flush, the sweep or the next read): never lose an audit row. The
          // requests waiting for this write, and for rows queued meanwhile, are refused; one write per attempt, no
          // tight retry loop against a database that is down.
          this.buffer = batch.concat(this.buffer);
          const waiting = this.bufferDone as Deferred | null; // rows queued while this write was in flight
          this.bufferDone = null;
          done.reject(new AppError('audit.unavailable'));
          waiting?.reject(new AppError('audit.unavailable'));
          this.log.error({ err: error }, 'audit write failed');
          return;
        }
        done.resolve();
        for (const e of batch) if (e.requestId && this.waits.get(e.requestId) === done.promise) this.waits.delete(e.requestId);
      }
    } finally {
      this.writing = null;
    }
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
    // Write what is queued (rows of a failed write too), and wait for those rows only: the loop may go on with
    // rows queued after this call.
    if (this.buffer.length) {
      this.bufferDone ??= deferred();
      this.writing ??= this.groupCommit();
    }
    await (this.bufferDone?.promise ?? this.inFlight)?.catch(() => undefined);
    while (this.sealing) await this.sealing;
    this.sealing = sealAudit(this.db, this.key, this.clock, 5000, this.anchor)
      .then(() => undefined)
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'audit seal failed');
      })
      .finally(() => {
        this.sealing = null;
      });
    await this.sealing;
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
  /** The highest row anchored outside the database (ADR 0006), or null without an anchor file or anchors. */
  lastAnchoredSeq: number | null;
}

export interface VerifyOptions {
  /** The anchor file to check the chain against; without it only the database itself is checked. */
  anchor?: AuditAnchor | null;
  batchSize?: number;
}

/**
 * Walks the chain in order and names the first row that was altered, removed or inserted (R-17); with an anchor
 * file, also that every anchored row is still there with its anchored hash, so a chain cut back (rows deleted at
 * the end and the head moved back) or rewritten from an anchored row on is found too.
 */
export async function verifyAuditChain(db: DbOrTx, key: Buffer, options: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 2000;
  const reading = options.anchor ? await options.anchor.read() : { points: [], forged: [], unreadable: [] };
  const anchored = new Map<number, Set<string>>();
  for (const { seq, hash } of reading.points) anchored.set(seq, (anchored.get(seq) ?? new Set()).add(hash));
  const lastAnchoredSeq = reading.points.length ? Math.max(...reading.points.map((p) => p.seq)) : null;
  let expectedSeq = 1;
  let prevHash = 'genesis';
  let checked = 0;
  const broken = (seq: number | null, reason: string): VerifyResult => ({ ok: false, checked, firstBrokenSeq: seq, reason, lastAnchoredSeq });
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
      const { seq, at, prevHash: _p, hash, receivedAt, dbRole, ...event } = row;
      if (chainHash(key, prevHash, seq, at, event as AuditEvent, { receivedAt, dbRole }) !== hash) {
        return broken(row.seq, `row ${row.seq} was altered`);
      }
      const anchors = anchored.get(seq);
      if (anchors && (anchors.size > 1 || !anchors.has(hash))) {
        return broken(row.seq, `row ${row.seq} is not the row anchored outside the database (the chain was rewritten)`);
      }
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const lastSeq = expectedSeq - 1;
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (head && head.lastSeq !== lastSeq) {
    return broken(expectedSeq, `rows ${expectedSeq}…${head.lastSeq} are missing (deleted at the end)`);
  }
  if (head && head.lastHash !== prevHash) return broken(lastSeq, `the chain head does not match row ${lastSeq}`);
  if (lastAnchoredSeq !== null && lastAnchoredSeq > lastSeq) {
    const missing = expectedSeq === lastAnchoredSeq ? `row ${expectedSeq} is missing` : `rows ${expectedSeq}…${lastAnchoredSeq} are missing`;
    return broken(expectedSeq, `${missing}: the chain ends at row ${lastSeq} but row ${lastAnchoredSeq} was anchored outside the database (cut back at the end)`);
  }
  if (reading.forged.length) {
    return broken(null, `the anchor file has lines that are not authentic (line ${reading.forged.join(', ')})`);
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null, lastAnchoredSeq };
}

export async function countAudit(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return row?.n ?? 0;
}
