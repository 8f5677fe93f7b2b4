import type { PartnerReferral, PartnerReferralList } from '@linli/contracts/modules/partners';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditRead } from '../../../platform/context';
import { deniedNotFound } from '../../../platform/request-context';
import { maskName } from '../../../platform/masking';
import { type ProviderReferralRow, findProviderReferral, listProviderReferrals } from './provider.repository';
import type { ReferralsService } from './referrals.service';

type Status = ProviderReferralRow['r']['status'];

/**
 * The consent a referral was sent under covers sharing the client's name and phone with the provider while it is a
 * live consent (or basis) for referral; once revoked — or for a referral with no recorded basis — they are masked.
 */
function sharesContact(row: ProviderReferralRow): boolean {
  return row.consentPurpose === 'referral' && row.consentRevokedAt === null;
}

function allowedActions(status: Status): PartnerReferral['allowedActions'] {
  if (status === 'sent') return ['accept', 'decline'];
  if (status === 'accepted') return ['report'];
  return [];
}

/**
 * The referral inbox of a partner organisation (partners module): the referrals addressed to it, with only what a
 * referral shares — the service, dates, status, who sent it, the client's name and phone under the consent. The
 * answers go through ReferralsService, so the status machine is the one staff use.
 */
export class ProviderReferralsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly referrals: ReferralsService,
  ) {}

  private toDto(row: ProviderReferralRow): PartnerReferral {
    const { r } = row;
    const shared = sharesContact(row);
    const phone = shared && row.phoneEnc ? this.ctx.cipher.decrypt(row.phoneEnc) : row.phoneMasked;
    return {
      id: r.id,
      communityCode: r.areaCode,
      communityName: row.communityName,
      service: r.service,
      status: r.status,
      sentAt: r.sentAt.toISOString(),
      sentByName: row.sentByName,
      respondedAt: r.respondedAt?.toISOString() ?? null,
      responseNote: r.responseNote,
      reportBack: r.reportBack,
      doneAt: r.doneAt?.toISOString() ?? null,
      client: { name: shared ? row.clientName : (maskName(row.clientName) ?? ''), phone, masked: !shared },
      version: r.version,
      allowedActions: allowedActions(r.status),
    };
  }

  /** Which client fields a read showed in full (audited by field name, never by value). */
  private static shownFields(rows: ProviderReferralRow[]): string[] {
    return rows.some(sharesContact)
      ? ['clientName', 'clientPhone', 'service', 'status']
      : ['clientNameMasked', 'service', 'status'];
  }

  async inbox(
    actor: Actor,
    organisationId: string,
    query: { status?: Status | undefined; page: number; pageSize: number },
  ): Promise<PartnerReferralList> {
    const { rows, total } = await listProviderReferrals(this.ctx.db, organisationId, query);
    auditRead(this.ctx, actor, {
      action: 'referral.list',
      objectType: 'referral',
      objectIds: rows.map((row) => row.r.id),
      fields: ProviderReferralsService.shownFields(rows),
      detail: `inbox of organisation ${organisationId}`,
    });
    return { items: rows.map((row) => this.toDto(row)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, organisationId: string, id: string, audit = true): Promise<PartnerReferral> {
    const row = await findProviderReferral(this.ctx.db, organisationId, id);
    if (!row) throw deniedNotFound(this.ctx, actor, 'referral', [id], 'partners.not_found');
    if (audit) {
      auditRead(this.ctx, actor, {
        action: 'referral.read',
        objectType: 'referral',
        objectIds: [id, row.r.clientId],
        fields: ProviderReferralsService.shownFields([row]),
      });
    }
    return this.toDto(row);
  }

  async accept(
    actor: Actor,
    organisationId: string,
    id: string,
    input: { version: number; note?: string | undefined },
  ) {
    await this.referrals.respondAsProvider(actor, organisationId, id, { ...input, accepted: true });
    return this.detail(actor, organisationId, id, false);
  }

  async decline(actor: Actor, organisationId: string, id: string, input: { version: number; reason: string }) {
    const answer = { version: input.version, accepted: false, note: input.reason };
    await this.referrals.respondAsProvider(actor, organisationId, id, answer);
    return this.detail(actor, organisationId, id, false);
  }

  async report(actor: Actor, organisationId: string, id: string, input: { version: number; report: string }) {
    await this.referrals.reportAsProvider(actor, organisationId, id, input);
    return this.detail(actor, organisationId, id, false);
  }
}
