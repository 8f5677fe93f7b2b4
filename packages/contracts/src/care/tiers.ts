import { z } from 'zod';
import { Id, IsoDateTime } from '../common';
import { AreaCode } from '../org';
import type { FieldCode } from '../field-messages';
import { DateOnly, NeedDomain, TIERS, Tier } from './values';

/** Assessments, tier changes and their approval, and the tier policy (cadence, reassessment, escalation). */

export const DomainScore = z.object({
  score: z.number().int().min(0).max(3),
  note: z.string().trim().max(300).optional(),
});
/** red 2, yellow 1, blue 0: a lower rank is a downgrade. */
export const tierRank = (tier: Tier): number => TIERS.length - 1 - TIERS.indexOf(tier);
/** Moving to a lower tier than the client's current one (the first tier is no downgrade). */
export const isDowngrade = (from: Tier | null | undefined, to: Tier): boolean =>
  !!from && tierRank(to) < tierRank(from);

export const AssessmentInput = z
  .object({
    scores: z.partialRecord(NeedDomain, DomainScore),
    /** The tier the worker confirms; when it differs from the suggestion a reason is required. */
    tier: Tier,
    overrideReason: z.string().trim().max(300).optional(),
    /**
     * The client's tier as the form saw it. A downgrade from it needs a reason (the server checks the client's real
     * tier too); an upgrade or keeping the tier needs none beyond the override rule.
     */
    fromTier: Tier.nullable().optional(),
  })
  .refine((v) => !isDowngrade(v.fromTier, v.tier) || Boolean(v.overrideReason), {
    message: 'care.downgrade_reason' satisfies FieldCode,
    path: ['overrideReason'],
  });
/** The scores and reason of one assessment (the form's starting point, and what a tier approval shows). */
export const AssessmentSummary = z.object({
  id: Id,
  scores: z.partialRecord(NeedDomain, DomainScore),
  suggestedTier: Tier,
  tier: Tier,
  overrideReason: z.string().nullable(),
  assessedAt: IsoDateTime,
});
/** The client's current tier and latest assessment (null before the first). */
export const LatestAssessment = z.object({ currentTier: Tier.nullable(), latest: AssessmentSummary.nullable() });
export const AssessmentResult = z.object({
  assessmentId: Id,
  suggestedTier: Tier,
  tier: Tier,
  tierChange: z.enum(['none', 'applied', 'pending_approval']),
  nextVisitDue: DateOnly.nullable(),
});

/** Approval queues: what waits for a decision, or what was decided (已处理). */
export const ApprovalView = z.enum(['pending', 'decided']);
export type ApprovalView = z.infer<typeof ApprovalView>;
export const ApprovalListQuery = z.object({ view: ApprovalView.default('pending') });

export const TierApproval = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  communityCode: AreaCode,
  fromTier: Tier.nullable(),
  toTier: Tier,
  reason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: IsoDateTime,
  status: z.enum(['pending_approval', 'applied', 'rejected']),
  decidedBy: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  /** The assessment behind the change: its scores and reason. */
  assessment: AssessmentSummary.nullable(),
});
export const TierApprovalList = z.object({ items: z.array(TierApproval) });
export const TierDecisionInput = z.object({ approve: z.boolean(), note: z.string().trim().max(300).optional() });

export const TierPolicyRules = z.object({
  cadenceDays: z.record(Tier, z.number().int().min(1).max(730)),
  reassessMonths: z.record(Tier, z.number().int().min(1).max(36)),
  /** Any domain at this score → red. */
  redIfAnyAtLeast: z.number().int().min(1).max(3),
  /** This many domains at ≥ 2 → yellow. */
  yellowIfCountAtLeast2: z.number().int().min(1).max(7),
  /** Overdue visits escalate: worker → community supervisor → street office after these many days past the window. */
  escalation: z
    .object({ supervisorAfterDays: z.number().int().min(1).max(90), streetAfterDays: z.number().int().min(1).max(180) })
    .default({ supervisorAfterDays: 3, streetAfterDays: 14 }),
});
export type TierPolicyRules = z.infer<typeof TierPolicyRules>;

export const DEFAULT_TIER_POLICY: TierPolicyRules = {
  cadenceDays: { red: 7, yellow: 30, blue: 365 },
  reassessMonths: { red: 3, yellow: 6, blue: 12 },
  redIfAnyAtLeast: 3,
  yellowIfCountAtLeast2: 2,
  escalation: { supervisorAfterDays: 3, streetAfterDays: 14 },
};

export const TierPolicy = z.object({
  areaCode: AreaCode,
  version: z.number().int(),
  inherited: z.boolean(),
  rules: TierPolicyRules,
});
export const TierPolicyInput = z.object({ rules: TierPolicyRules });
export const TierPolicyUpdateResult = TierPolicy.extend({ replanned: z.number().int() });
