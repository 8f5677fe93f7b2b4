import { sql } from 'drizzle-orm';
import { auditPending } from './audit.tables';
import type { AnchorPoint, AuditAnchor } from './audit-anchor';
import { type AuditEvent, type AuditResult, chainHash } from './audit-hash';
import type { Clock } from './clock';
import { type Db, type DbOrTx, queryRows } from './db';

// The platform's audit API: events hashed into the chain (audit-hash.ts), queued into the outbox and sealed (here),
// and the chain verified (audit-verify.ts).
export { type AuditEvent, type AuditResult, type ReceiptStamp, chainHash } from './audit-hash';
export { type VerifyOptions, type VerifyResult, verifyAuditChain } from './audit-verify';

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
