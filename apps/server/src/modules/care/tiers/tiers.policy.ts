import type { Tier } from '@linli/contracts';
import { type Actor, hasPermission, holdsEveryArea } from '../../../platform/access';
import { needsApproval } from '../policies/tier-policy';

/** Who may change a tier directly, and who may decide a change that waits (the care model's rule is in tier-policy.ts). */
export const tierChangePolicy = {
  /** Leaving red by someone who cannot approve tier changes queues the change for a supervisor. */
  waitsForApproval: (actor: Actor, from: Tier | null, to: Tier) =>
    needsApproval(from, to) && !hasPermission(actor, 'care.tier.approve'),
  /** The approver holds the client's whole community, not only a grid of it (F3). */
  approverHoldsArea: (actor: Actor, change: { areaCode: string }) => holdsEveryArea(actor, [change.areaCode]),
};
