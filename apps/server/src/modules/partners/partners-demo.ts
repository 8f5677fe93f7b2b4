import type { AppContext } from '../../platform/context';
import { seedOrganisationReferral } from '../care';
import { createAccount } from '../users';
import { demoOrganisation } from './partners.repository';

/** The demo partner member (signs in at the staff login with the demo password). */
export const DEMO_PARTNER = {
  username: 'demo-partner',
  displayName: '阳光社工 何主任（演示）',
  /** One of the register's demo organisations in 洗面桥 (db/seed/organisations-demo.ts). */
  organisation: '阳光社会工作服务中心',
} as const;

/**
 * Demo data of the partners module: a member account of one of the community's partner organisations (the register's
 * demo data, seeded before) and one of the community's waiting referrals addressed to that organisation (its inbox). Nothing when the
 * community holds no organisation.
 */
export async function seedPartnersDemo(
  ctx: AppContext,
  input: { communityCode: string; passwordHash: string },
): Promise<{ username: string; organisationId: string; referralId: string | null } | null> {
  const org = await demoOrganisation(ctx.db, input.communityCode, DEMO_PARTNER.organisation);
  if (!org) return null;
  await ctx.db.transaction((tx) =>
    createAccount(tx, {
      username: DEMO_PARTNER.username,
      displayName: DEMO_PARTNER.displayName,
      passwordHash: input.passwordHash,
      roles: ['partner_member'],
      areaCodes: [],
      at: ctx.clock.now(),
      organisationId: org.id,
    }),
  );
  const referralId = await seedOrganisationReferral(ctx, {
    communityCode: input.communityCode,
    organisationId: org.id,
  });
  return { username: DEMO_PARTNER.username, organisationId: org.id, referralId };
}
