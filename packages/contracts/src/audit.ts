import { z } from 'zod';
import { Id, IsoDateTime, IsoDateTimeInput, PageQuery, Paged } from './common';

export const AuditResult = z.enum(['success', 'failure', 'denied']);

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: IsoDateTime,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  role: z.string().nullable(),
  areaCodes: z.array(z.string()),
  action: z.string(),
  objectType: z.string().nullable(),
  objectIds: z.array(z.string()),
  fields: z.array(z.string()),
  result: AuditResult,
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  from: IsoDateTimeInput.optional(),
  to: IsoDateTimeInput.optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  result: AuditResult.optional(),
  objectId: z.string().trim().max(64).optional(),
});
export const AuditList = Paged(AuditEntry);

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** The highest row anchored outside the database (ADR 0006); null when nothing is anchored yet. */
  lastAnchoredSeq: z.number().int().nullable(),
});
