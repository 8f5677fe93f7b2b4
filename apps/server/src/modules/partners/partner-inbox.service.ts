import type { PartnerOrganisation } from '@linli/contracts/modules/partners';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { deniedNotFound } from '../../platform/request-context';
import { type ProviderReferralsService, createProviderReferrals } from '../care';
import { organisationOfUser } from './partners.repository';

type Status = 'sent' | 'accepted' | 'declined' | 'done' | 'withdrawn';

/**
 * The partner member's side: the organisation it belongs to and the referrals addressed to it (care's provider view
 * and answers — the one referral workflow). The organisation is read from the account at each request, so a member
 * moved or an organisation's account disabled takes effect at once; an account without one sees nothing (404).
 */
export class PartnerInboxService {
  private readonly referrals: ProviderReferralsService;

  constructor(private readonly ctx: AppContext) {
    this.referrals = createProviderReferrals(ctx);
  }

  private async organisationId(actor: Actor): Promise<string> {
    const org = await organisationOfUser(this.ctx.db, actor.userId);
    if (!org) throw deniedNotFound(this.ctx, actor, 'user', [actor.userId], 'partners.not_found');
    return org.id;
  }

  async organisation(actor: Actor): Promise<PartnerOrganisation> {
    const org = await organisationOfUser(this.ctx.db, actor.userId);
    if (!org) throw deniedNotFound(this.ctx, actor, 'user', [actor.userId], 'partners.not_found');
    return { id: org.id, name: org.name, kind: org.kind as PartnerOrganisation['kind'] };
  }

  async list(actor: Actor, query: { status?: Status | undefined; page: number; pageSize: number }) {
    return this.referrals.inbox(actor, await this.organisationId(actor), query);
  }

  async detail(actor: Actor, id: string) {
    return this.referrals.detail(actor, await this.organisationId(actor), id);
  }

  async accept(actor: Actor, id: string, input: { version: number; note?: string | undefined }) {
    return this.referrals.accept(actor, await this.organisationId(actor), id, input);
  }

  async decline(actor: Actor, id: string, input: { version: number; reason: string }) {
    return this.referrals.decline(actor, await this.organisationId(actor), id, input);
  }

  async report(actor: Actor, id: string, input: { version: number; report: string }) {
    return this.referrals.report(actor, await this.organisationId(actor), id, input);
  }
}
