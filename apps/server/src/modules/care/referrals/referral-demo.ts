import type { AppContext } from '../../../platform/context';
import { resolveReferralProvider } from './referral-provider';
import { referralDemoCandidate } from './provider.repository';
import { updateReferralIfVersion } from './referrals.repository';

/**
 * Demo data (db/seed/demo.ts, through the partners module): one of the community's demo referrals still waiting for
 * an answer is addressed to an organisation of the register, so that organisation's inbox is not empty (the care demo's
 * figures stay as they are). Returns its id, or null when the community has no such referral.
 */
export async function seedOrganisationReferral(
  ctx: AppContext,
  input: { communityCode: string; organisationId: string },
): Promise<string | null> {
  const candidate = await referralDemoCandidate(ctx.db, input.communityCode);
  if (!candidate) return null;
  const provider = await resolveReferralProvider(ctx.db, candidate.areaCode, { organisationId: input.organisationId });
  await updateReferralIfVersion(ctx.db, candidate.id, candidate.version, provider);
  return candidate.id;
}
