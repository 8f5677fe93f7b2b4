import { type NeedDomain, type Tier, type TierPolicyRules, TIERS } from '@linli/contracts';

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

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar months later, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
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

/** Today in China (visits and due dates are local calendar days). */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
