import fc from 'fast-check';
import { DEFAULT_TIER_POLICY, NEED_DOMAINS, TIERS, type TierPolicyRules } from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../platform/dates';
import { needsApproval, nextVisitWindow, suggestTier } from './tier-policy';

const scoresArb = fc.dictionary(fc.constantFrom(...NEED_DOMAINS), fc.record({ score: fc.integer({ min: 0, max: 3 }) }));
const rulesArb: fc.Arbitrary<TierPolicyRules> = fc.record({
  cadenceDays: fc.record({
    red: fc.integer({ min: 1, max: 730 }),
    yellow: fc.integer({ min: 1, max: 730 }),
    blue: fc.integer({ min: 1, max: 730 }),
  }),
  reassessMonths: fc.record({
    red: fc.integer({ min: 1, max: 36 }),
    yellow: fc.integer({ min: 1, max: 36 }),
    blue: fc.integer({ min: 1, max: 36 }),
  }),
  redIfAnyAtLeast: fc.integer({ min: 1, max: 3 }),
  yellowIfCountAtLeast2: fc.integer({ min: 1, max: 7 }),
  escalation: fc.record({
    supervisorAfterDays: fc.integer({ min: 1, max: 90 }),
    streetAfterDays: fc.integer({ min: 1, max: 180 }),
  }),
});
const dateArb = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('tier policy', () => {
  it('always yields a tier, and the next due date lies inside the policy window', () => {
    fc.assert(
      fc.property(scoresArb, rulesArb, dateArb, (scores, rules, from) => {
        const tier = suggestTier(scores, rules);
        expect(TIERS).toContain(tier);
        const next = nextVisitWindow(from, tier, rules);
        expect(daysBetween(from, next.dueDate)).toBe(rules.cadenceDays[tier]);
        expect(next.windowStart <= next.dueDate && next.dueDate <= next.windowEnd).toBe(true);
        expect(next.windowStart > from || rules.cadenceDays[tier] <= 1).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('follows the care model defaults', () => {
    expect(suggestTier({ health: { score: 3 } }, DEFAULT_TIER_POLICY)).toBe('red');
    expect(suggestTier({ health: { score: 2 }, income: { score: 2 } }, DEFAULT_TIER_POLICY)).toBe('yellow');
    expect(suggestTier({ health: { score: 2 }, income: { score: 1 } }, DEFAULT_TIER_POLICY)).toBe('blue');
    expect(suggestTier({}, DEFAULT_TIER_POLICY)).toBe('blue');
  });

  it('needs approval only when leaving red', () => {
    expect(needsApproval('red', 'yellow')).toBe(true);
    expect(needsApproval('red', 'blue')).toBe(true);
    expect(needsApproval('yellow', 'blue')).toBe(false);
    expect(needsApproval(null, 'blue')).toBe(false);
    expect(needsApproval('blue', 'red')).toBe(false);
  });
});
