import { createHmac } from 'node:crypto';
import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { auditChainHead, auditLog, auditPending } from './audit.tables';
import type { AnchorPoint, AuditAnchor } from './audit-anchor';
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
    seq,
    at.toISOString(),
    e.actorId,
    e.actorName,
    e.role,
    e.areaCodes,
    e.action,
    e.objectType,
    e.objectIds,
    e.fields,
    e.result,
    e.ip,
    e.requestId,
    e.detail,
  ];
  // Rows from before the stamp existed hash as they always did; every later row covers both (nulling them out
  // changes what is hashed, so it shows as an altered row).
  if (stamp && (stamp.receivedAt !== null || stamp.dbRole !== null))
    fields.push(stamp.receivedAt?.toISOString() ?? null, stamp.dbRole);
  return JSON.stringify(fields);
}

export function chainHash(
  key: Buffer,
  prevHash: string,
  seq: number,
  at: Date,
  event: AuditEvent,
  stamp: ReceiptStamp | null = null,
): string {
  return createHmac('sha256', key)
    .update(prevHash)
    .update('\n')
    .update(canonical(seq, at, event, stamp))
    .digest('base64url');
}

/** An event with the time it happened (pending rows keep their own time into the chain). */
export type TimedAuditEvent = AuditEvent & { at?: Date };

/** Milliseconds only: what the hash covers must round-trip through timestamptz exactly. */
const toMillis = (d: Date) => new Date(Math.floor(d.getTime()));

/**
 * A text[] element of a column array: the array literal, cast back per row by audit_enqueue(). Ids and codes go
 * bare (a worklist row holds thousands of ids: quoting each would double the escaping on both sides); anything
 * else is quoted and escaped.
 */
const BARE = /^[A-Za-z0-9_.:@/+-]+$/;
const arrayLiteral = (values: string[]) =>
  `{${values.map((v) => (BARE.test(v) && !/^null$/i.test(v) ? v : `"${v.replace(/(["\\])/g, '\\$1')}"`)).join(',')}}`;

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
async function sealBatch(
  tx: DbOrTx,
  key: Buffer,
  batchSize: number,
): Promise<{ count: number; last: AnchorPoint | null }> {
  const rows = await queryRows<Record<string, unknown>>(tx, sql`SELECT * FROM audit_seal_begin(${batchSize}::integer)`);
  if (rows.length === 0) return { count: 0, last: null };
  let prevHash = String(rows[0]!.head_hash);
  let seq = Number(rows[0]!.head_seq);
  const ids: number[] = [];
  const hashes: string[] = [];
  for (const r of rows) {
    seq += 1;
    const event: AuditEvent = {
      actorId: asText(r.actor_id),
      actorName: asText(r.actor_name),
      role: asText(r.role),
      areaCodes: r.area_codes as string[],
      action: String(r.action),
      objectType: asText(r.object_type),
      objectIds: r.object_ids as string[],
      fields: r.fields as string[],
      result: r.result as AuditResult,
      ip: asText(r.ip),
      requestId: asText(r.request_id),
      detail: asText(r.detail),
    };
    const stamp = {
      receivedAt: asText(r.received_at) === null ? null : asDate(r.received_at),
      dbRole: asText(r.db_role),
    };
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

/** Seals until the outbox is empty; returns how many rows, and the head reached (null when there was nothing). */
export async function sealAll(
  db: Db,
  key: Buffer,
  batchSize: number,
): Promise<{ sealed: number; last: AnchorPoint | null }> {
  let sealed = 0;
  let last: AnchorPoint | null = null;
  for (;;) {
    const batch = await db.transaction((tx) => sealBatch(tx, key, batchSize));
    sealed += batch.count;
    last = batch.last ?? last;
    if (batch.count < batchSize) return { sealed, last };
  }
}

/**
 * Moves pending audit rows into the chain, oldest id first, in batches; returns how many. Sealers in several
 * processes take turns on the chain head's lock; rows of transactions not yet committed wait for a later round.
 * With an anchor, the head reached is appended to the anchor file once the last batch has committed (the CLI; the
 * server's writer anchors at most every `anchorIntervalMs`).
 */
export async function sealAudit(
  db: Db,
  key: Buffer,
  clock: Clock,
  batchSize = 5000,
  anchor: AuditAnchor | null = null,
): Promise<number> {
  const { sealed, last } = await sealAll(db, key, batchSize);
  if (last && anchor) await anchor.append(last, clock.now());
  return sealed;
}

export async function hasPendingAudit(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: auditPending.id }).from(auditPending).limit(1);
  return rows.length > 0;
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
  let lastAnchoredSeq: number | null = null;
  let expectedSeq = 1;
  let prevHash = 'genesis';
  let checked = 0;
  const broken = (seq: number | null, reason: string): VerifyResult => ({
    ok: false,
    checked,
    firstBrokenSeq: seq,
    reason,
    lastAnchoredSeq,
  });
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
  if (!options.anchor) return { ok: true, checked, firstBrokenSeq: null, reason: null, lastAnchoredSeq };

  // The chain is sound in itself; now every anchor must still hold: its row there, with its hash. Streamed, in
  // batches of primary-key lookups, so a file of years of anchors needs no more memory than one batch.
  const check = await checkAnchors(db, options.anchor, lastSeq);
  lastAnchoredSeq = check.lastAnchoredSeq;
  // A mismatch lies within the chain, so below any cut: the lowest seq is named first.
  if (check.mismatch !== null) {
    return broken(
      check.mismatch,
      `row ${check.mismatch} is not the row anchored outside the database (the chain was rewritten)`,
    );
  }
  if (lastAnchoredSeq !== null && lastAnchoredSeq > lastSeq) {
    const missing =
      expectedSeq === lastAnchoredSeq
        ? `row ${expectedSeq} is missing`
        : `rows ${expectedSeq}…${lastAnchoredSeq} are missing`;
    return broken(
      expectedSeq,
      `${missing}: the chain ends at row ${lastSeq} but row ${lastAnchoredSeq} was anchored outside the database (cut back at the end)`,
    );
  }
  if (check.forged.length) {
    const lines = check.forged.slice(0, 10).join(', ') + (check.forged.length > 10 ? ', …' : '');
    return broken(null, `the anchor file has ${check.forged.length} line(s) that are not authentic (line ${lines})`);
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null, lastAnchoredSeq };
}

/** Compares every authentic anchor up to `lastSeq` with the chain; the lowest mismatching seq, the highest anchor. */
async function checkAnchors(db: DbOrTx, anchor: AuditAnchor, lastSeq: number) {
  let lastAnchoredSeq: number | null = null;
  let mismatch: number | null = null;
  const forged: number[] = [];
  let batch: AnchorPoint[] = [];
  const compare = async () => {
    if (batch.length === 0) return;
    const seqs = [...new Set(batch.map((p) => p.seq))];
    const rows = await db
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(inArray(auditLog.seq, seqs));
    const hashes = new Map(rows.map((r) => [r.seq, r.hash]));
    for (const p of batch) if (hashes.get(p.seq) !== p.hash) mismatch = Math.min(mismatch ?? p.seq, p.seq);
    batch = [];
  };
  for await (const entry of anchor.entries()) {
    if (entry.kind === 'forged') forged.push(entry.line);
    if (entry.kind !== 'anchor') continue;
    lastAnchoredSeq = Math.max(lastAnchoredSeq ?? 0, entry.point.seq);
    if (entry.point.seq > lastSeq) continue; // beyond the chain's end: reported as a cut by the caller
    batch.push(entry.point);
    if (batch.length >= 1000) await compare();
  }
  await compare();
  return { lastAnchoredSeq, mismatch: mismatch as number | null, forged };
}
