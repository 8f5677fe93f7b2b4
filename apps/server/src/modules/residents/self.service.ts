import { randomUUID } from 'node:crypto';
import type { PublicNotice, PublicNoticeList, ResidentProfile } from '@linli/contracts/modules/residents';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { maskPhone } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { residentCareView } from '../care';
import { findNotice, publishedNotices } from './notices.repository';
import { findProfile, insertLink, latestLinkOf, updateProfile } from './residents.repository';

/** What a signed-in resident does on /m: their profile, the 适老化 preference, a link request, their notices. */
export class ResidentSelfService {
  constructor(private readonly ctx: AppContext) {}

  private async load(actor: Actor) {
    const found = await findProfile(this.ctx.db, actor.userId);
    if (!found) throw deniedNotFound(this.ctx, actor, 'user', [actor.userId]);
    return found;
  }

  async profile(actor: Actor): Promise<ResidentProfile> {
    const { profile, phoneEnc, areaName } = await this.load(actor);
    const link = await latestLinkOf(this.ctx.db, actor.userId);
    const care = profile.clientId ? await residentCareView(this.ctx.db, profile.clientId) : null;
    auditRead(this.ctx, actor, {
      action: 'resident.profile',
      objectType: 'user',
      objectIds: [actor.userId],
      fields: ['displayName', 'phoneMasked', 'areaCode', ...(care ? ['nextVisit', 'workerName'] : [])],
    });
    return {
      displayName: actor.displayName,
      phoneMasked: maskPhone(phoneEnc ? this.ctx.cipher.decrypt(phoneEnc) : null) ?? '',
      community: { code: profile.areaCode, name: areaName ?? profile.areaCode },
      elderMode: profile.elderMode,
      consent: { version: profile.consentVersion, at: profile.consentedAt.toISOString() },
      link: link
        ? {
            status: link.status,
            requestedAt: link.requestedAt.toISOString(),
            decidedAt: link.decidedAt?.toISOString() ?? null,
          }
        : null,
      care,
    };
  }

  async setPreferences(actor: Actor, input: { elderMode: boolean }): Promise<ResidentProfile> {
    await this.load(actor);
    await this.ctx.db.transaction(async (tx) => {
      await updateProfile(tx, actor.userId, { elderMode: input.elderMode });
      await auditInTx(this.ctx, tx, actor, {
        action: 'resident.preferences',
        objectType: 'user',
        objectIds: [actor.userId],
        fields: ['elderMode'],
      });
    });
    return this.profile(actor);
  }

  /** Asks the community's staff to link the account to the resident's client record (confirmed in person). */
  async requestLink(actor: Actor): Promise<ResidentProfile> {
    const { profile } = await this.load(actor);
    const last = await latestLinkOf(this.ctx.db, actor.userId);
    if (profile.clientId || last?.status === 'pending') throw new AppError('residents.link_pending');
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertLink(tx, {
        id,
        userId: actor.userId,
        areaCode: profile.areaCode,
        status: 'pending',
        requestedAt: this.ctx.clock.now(),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'resident.link_request',
        objectType: 'resident_link',
        objectIds: [id],
      });
    });
    return this.profile(actor);
  }

  async notices(actor: Actor, query: { page: number; pageSize: number }): Promise<PublicNoticeList> {
    const { profile } = await this.load(actor);
    const { rows, total } = await publishedNotices(this.ctx.db, profile.areaCode, query.page, query.pageSize);
    return {
      items: rows.map((r) => ({ ...r, publishedAt: (r.publishedAt ?? new Date(0)).toISOString() })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async notice(actor: Actor, id: string): Promise<PublicNotice> {
    const { profile } = await this.load(actor);
    const row = await findNotice(this.ctx.db, id);
    if (!row || row.areaCode !== profile.areaCode || row.status !== 'published')
      throw deniedNotFound(this.ctx, actor, 'notice', [id], 'residents.not_found');
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
    };
  }
}
