import { type NeedDomain, type Tier, type TierPolicyRules, TIERS } from '@linli/contracts';
import { addDays, addMonths, chinaToday } from '../../../platform/dates';

export type Scores = Partial<Record<NeedDomain, { score: number; note?: string | undefined }>>;

/** The care-model rule: any domain at the red threshold → red; enough domains at 2+ → yellow; else blue. */
export function suggestTier(scores: Scores, rules: TierPolicyRules): Tier {
  const values = Object.values(scores).map((s) => s?.score ?? 0);
  if (values.some((v) => v >= rules.redIfAnyAtLeast)) return 'red';
  if (values.filter((v) => v >= 2).length >= rules.yellowIfCountAtLeast2) return 'yellow';
  return 'blue';
}

export function tierRank(tier: Tier | null): number {
  return tier === null ? -1 : TIERS.length - 1 - TIERS.indexOf(tier); // red 2, yellow 1, blue 0
}

/** Leaving red (to any lower tier) needs a supervisor's approval. */
export function needsApproval(from: Tier | null, to: Tier): boolean {
  return from === 'red' && to !== 'red';
}

export interface VisitWindow {
  windowStart: string;
  dueDate: string;
  windowEnd: string;
}

/** The next visit after `fromDate`: due after the tier's cadence, with a window of ±20% of it (at least a day). */
export function nextVisitWindow(fromDate: string, tier: Tier, rules: TierPolicyRules): VisitWindow {
  const cadence = rules.cadenceDays[tier];
  const slack = Math.max(1, Math.round(cadence * 0.2));
  const dueDate = addDays(fromDate, cadence);
  return { windowStart: addDays(dueDate, -slack), dueDate, windowEnd: addDays(dueDate, slack) };
}

/** The day a client's tier is due to be reassessed: the last assessment's China date + the tier's interval. */
export function reassessmentDueOn(lastAssessedAt: Date, tier: Tier, rules: TierPolicyRules): string {
  return reassessmentDueAfter(chinaToday(lastAssessedAt), tier, rules);
}

/** The same from the China calendar day of the last assessment ('YYYY-MM-DD'). */
export function reassessmentDueAfter(lastAssessedOn: string, tier: Tier, rules: TierPolicyRules): string {
  return addMonths(lastAssessedOn, rules.reassessMonths[tier]);
}
