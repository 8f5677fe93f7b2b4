import { z } from 'zod';
import { Id, IsoDateTime } from '../common';
import { AreaCode } from '../org';
import { DateOnly, NeedDomain, Tier } from './values';

/** Assessments, tier changes and their approval, and the tier policy (cadence, reassessment, escalation). */

export const DomainScore = z.object({
  score: z.number().int().min(0).max(3),
  note: z.string().trim().max(300).optional(),
});
export const AssessmentInput = z.object({
  scores: z.partialRecord(NeedDomain, DomainScore),
  /** The tier the worker confirms; when it differs from the suggestion a reason is required. */
  tier: Tier,
  overrideReason: z.string().trim().max(300).optional(),
});
export const AssessmentResult = z.object({
  assessmentId: Id,
  suggestedTier: Tier,
  tier: Tier,
  tierChange: z.enum(['none', 'applied', 'pending_approval']),
  nextVisitDue: DateOnly.nullable(),
});

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
