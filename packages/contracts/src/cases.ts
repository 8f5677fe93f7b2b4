import { z } from 'zod';
import { Id, IsoDateTime } from './common';
import type { FieldCode } from './field-messages';
import { CaseStatus, DateOnly, NeedDomain, ReferralStatus } from './care';
import { AreaCode } from './org';

export const CONSENT_PURPOSES = ['care_services', 'referral', 'sensitive_data', 'disclosure'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export const ConsentInput = z
  .object({
    purpose: ConsentPurpose,
    basis: z.enum(['consent', 'statutory_duty', 'emergency']),
    /** The statute cited when the basis is a statutory duty. */
    statute: z.string().trim().max(120).optional(),
    grantedBy: z.enum(['self', 'guardian', 'not_applicable']),
    guardianName: z.string().trim().max(40).optional(),
    noticeVersion: z.string().trim().min(1).max(20),
  })
  .refine((v) => v.basis !== 'statutory_duty' || Boolean(v.statute), {
    message: 'care.statute_required' satisfies FieldCode,
    path: ['statute'],
  })
  .refine((v) => v.grantedBy !== 'guardian' || Boolean(v.guardianName), {
    message: 'care.guardian_name_required' satisfies FieldCode,
    path: ['guardianName'],
  });
export const Consent = z.object({
  id: Id,
  clientId: Id,
  purpose: ConsentPurpose,
  basis: z.enum(['consent', 'statutory_duty', 'emergency']),
  statute: z.string().nullable(),
  grantedBy: z.enum(['self', 'guardian', 'not_applicable']),
  guardianName: z.string().nullable(),
  noticeVersion: z.string(),
  grantedAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
});
export const ConsentList = z.object({ items: z.array(Consent) });

export const CasePlanInput = z.object({
  goals: z
    .array(z.object({ domain: NeedDomain, goal: z.string().trim().min(2).max(300) }))
    .min(1)
    .max(20),
  tasks: z
    .array(
      z.object({
        goalIndex: z.number().int().min(0),
        title: z.string().trim().min(2).max(200),
        ownerId: Id.optional(),
        dueDate: DateOnly.optional(),
      }),
    )
    .max(50),
});
export const CaseTask = z.object({
  id: Id,
  goalId: Id.nullable(),
  title: z.string(),
  ownerId: Id.nullable(),
  dueDate: DateOnly.nullable(),
  doneAt: IsoDateTime.nullable(),
  doneVisitId: Id.nullable(),
});
export const CaseEvent = z.object({ kind: z.string(), note: z.string().nullable(), at: IsoDateTime });
export const CaseDetail = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  communityCode: AreaCode,
  status: CaseStatus,
  openedAt: IsoDateTime,
  closingReason: z.string().nullable(),
  goals: z.array(z.object({ id: Id, domain: NeedDomain, goal: z.string() })),
  tasks: z.array(CaseTask),
  events: z.array(CaseEvent),
  version: z.number().int(),
  allowedActions: z.array(z.string()),
});
export type CaseDetail = z.infer<typeof CaseDetail>;
export const CaseSummary = CaseDetail.pick({
  id: true,
  clientId: true,
  clientName: true,
  communityCode: true,
  status: true,
  openedAt: true,
});
export const CaseList = z.object({ items: z.array(CaseSummary) });
export const CaseDecisionInput = z.object({ approve: z.boolean(), note: z.string().trim().max(300).optional() });
/** A case plan or closure waiting for the supervisor, or decided (the approval queue's two tabs). */
export const CaseApproval = z.object({
  /** The case id for a pending item; the decision event's id for a decided one. */
  id: Id,
  caseId: Id,
  clientId: Id,
  clientName: z.string(),
  communityCode: AreaCode,
  kind: z.enum(['plan', 'closure']),
  status: z.enum(['pending', 'approved', 'rejected']),
  /** Goals in the plan (for the confirm dialog). */
  goalCount: z.number().int(),
  /** The closing reason asked for. */
  reason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: IsoDateTime.nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
});
export type CaseApproval = z.infer<typeof CaseApproval>;
export const CaseApprovalList = z.object({ items: z.array(CaseApproval) });
export const CaseCloseInput = z.object({ reason: z.string().trim().min(2).max(300) });

export const PROVIDER_TYPES = ['social_org', 'partner_unit', 'expert', 'government'] as const;
/**
 * A referral's provider is an organisation of the partner register (`organisationId`, which must serve the client's
 * community), or "其他": a provider outside the register, by name and type (`providerName`, `providerType`).
 */
export const ReferralInput = z
  .object({
    organisationId: Id.optional(),
    providerName: z.string().trim().min(2).max(80).optional(),
    providerType: z.enum(PROVIDER_TYPES).optional(),
    service: z.string().trim().min(2).max(200),
    caseId: Id.optional(),
  })
  .refine((v) => Boolean(v.organisationId) !== Boolean(v.providerName), {
    message: 'care.referral_provider_required' satisfies FieldCode,
    path: ['organisationId'],
  })
  .refine((v) => !v.providerName || Boolean(v.providerType), {
    message: 'care.referral_provider_required' satisfies FieldCode,
    path: ['providerType'],
  });
export type ReferralInput = z.infer<typeof ReferralInput>;
export const Referral = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  caseId: Id.nullable(),
  communityCode: AreaCode,
  /** The organisation of the register it was sent to; null for "其他" (and referrals made before the register). */
  organisationId: Id.nullable(),
  /** The organisation's name when it was sent, or the name given for "其他". */
  providerName: z.string(),
  providerType: z.enum(PROVIDER_TYPES),
  service: z.string(),
  status: ReferralStatus,
  sentAt: IsoDateTime,
  respondedAt: IsoDateTime.nullable(),
  responseNote: z.string().nullable(),
  reportBack: z.string().nullable(),
  doneAt: IsoDateTime.nullable(),
  followUpVisitId: Id.nullable(),
  version: z.number().int(),
});
export type Referral = z.infer<typeof Referral>;
export const ReferralList = z.object({ items: z.array(Referral) });
export const ReferralListQuery = z.object({ status: ReferralStatus.optional(), clientId: Id.optional() });
export const ReferralResponseInput = z.object({
  version: z.number().int(),
  accepted: z.boolean(),
  note: z.string().trim().max(300).optional(),
});
export const ReferralReportInput = z.object({ version: z.number().int(), report: z.string().trim().min(2).max(1000) });
export const ReferralWithdrawInput = z.object({ version: z.number().int(), reason: z.string().trim().min(2).max(300) });
