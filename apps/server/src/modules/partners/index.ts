// Public surface of the partners module (合作单位账号 and the partner's referral inbox): other modules import only
// from here.
import type { AppContext } from '../../platform/context';
import type { LinliModule } from '../../platform/module';
import { PartnerInboxService } from './partner-inbox.service';
import { activeMemberIds } from './partners.repository';
import { partnerAccountRoutes, partnerInboxRoutes } from './partners.routes';
import { PartnersService } from './partners.service';

export { PartnersService } from './partners.service';
export { PartnerInboxService } from './partner-inbox.service';
export { DEMO_PARTNER, seedPartnersDemo } from './partners-demo';
export { organisationOfUser } from './partners.repository';

/**
 * A referral sent to an organisation of the register is announced to its active members, in the sending transaction
 * (so the notification exists exactly when the referral does). The web path is the partner's inbox entry.
 */
function announceReferrals(ctx: AppContext): void {
  ctx.events.onInTransaction('care.referral.sent', async (tx, payload, meta) => {
    const userIds = await activeMemberIds(tx, payload.organisationId);
    if (userIds.length === 0) return;
    await ctx.notifier.notify(tx, {
      userIds,
      event: 'referral.received',
      objectType: 'referral',
      objectId: payload.referralId,
      link: `/partner/referrals/${payload.referralId}`,
      areaCode: meta.areaCode,
    });
  });
}

/** Loaded by the server and the CLI because 'partners' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'partners',
  setup: announceReferrals,
  register: async (app, ctx) => {
    await app.register(partnerAccountRoutes(new PartnersService(ctx)));
    await app.register(partnerInboxRoutes(new PartnerInboxService(ctx)));
  },
};
