import { z } from 'zod';
import { Id, IsoDateTime, IsoDateTimeInput, PageQuery, Paged } from './common';

/**
 * Every action code the server writes to the audit log, in the order the picker lists them (the web names each in
 * both languages; test/audit-words.test.ts checks the server's sources against this list).
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.password_change',
  'auth.totp_setup',
  'auth.totp_enable',
  'auth.end_sessions',
  'authz.forbidden',
  'authz.not_found',
  'authz.csrf_failed',
  'user.list',
  'user.read',
  'user.create',
  'user.update',
  'user.roles',
  'user.activate',
  'user.enable',
  'user.disable',
  'user.unlock',
  'user.reset_password',
  'user.end_sessions',
  'user.totp_reset_request',
  'user.totp_reset_confirm',
  'area.create',
  'area.rename',
  'area.merge',
  'area.import',
  'area.history.read',
  'audit.search',
  'audit.verify',
  'client.list',
  'client.read',
  'client.create',
  'client.update',
  'client.status',
  'client.reveal',
  'client.lookup_exact',
  'client.duplicate_check',
  'client.merge',
  'client.merge_undo',
  'client.assess',
  'client.import_check',
  'client.import',
  'client.export',
  'client.export_unmasked',
  'household.create',
  'household.read',
  'consent.list',
  'consent.record',
  'consent.revoke',
  'care.home',
  'visit.worklist',
  'visit.record',
  'visit.overdue_queue',
  'visit.escalations',
  'caseload.reassign',
  'tier.approvals.list',
  'tier.approve',
  'tier.reject',
  'policy.read',
  'policy.update',
  'case.list',
  'case.read',
  'case.open',
  'case.plan_revised',
  'case.plan_approved',
  'case.plan_rejected',
  'case.close_requested',
  'case.closed',
  'case.closure_rejected',
  'case.reopened',
  'case.approvals.list',
  'referral.list',
  'referral.send',
  'referral.respond',
  'referral.done',
  'referral.withdraw',
  'export.list',
  'export.request',
  'export.approve',
  'export.reject',
  'export.download',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/** The kinds of object an audit row names. */
export const AUDIT_OBJECT_TYPES = [
  'area',
  'audit',
  'case',
  'client',
  'export',
  'household',
  'referral',
  'user',
  'visit',
  'tier_change',
] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

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
  /** The client the row concerns, masked (张**): auditors do not read names (R-08, 三员分立); null when none. */
  clientName: z.string().nullable(),
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
