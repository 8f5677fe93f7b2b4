import { createHmac } from 'node:crypto';

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
