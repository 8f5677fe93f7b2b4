import { DEFAULT_TIER_POLICY, type TierPolicyRules } from '@linli/contracts';
import type { NeedDomain, Tier } from '../shared/types';

export type DomainScores = Partial<Record<NeedDomain, { score: number; note?: string }>>;

/** The same rule the server applies: any domain at the red threshold → red; enough domains at 2+ → yellow; else blue. */
export function suggestTier(scores: DomainScores, rules: TierPolicyRules = DEFAULT_TIER_POLICY): Tier {
  const values = Object.values(scores).map((s) => s?.score ?? 0);
  if (values.some((v) => v >= rules.redIfAnyAtLeast)) return 'red';
  if (values.filter((v) => v >= 2).length >= rules.yellowIfCountAtLeast2) return 'yellow';
  return 'blue';
}
