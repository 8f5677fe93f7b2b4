import type { LinkRequest, LinkRequestList } from '@linli/contracts/modules/residents';
import { type Actor, codeInPrefixes } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { maskPhone } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { visibleClientRef } from '../care';
import { decideLink, findLink, listLinks, updateProfile } from './residents.repository';

type LinkView = NonNullable<Awaited<ReturnType<typeof findLink>>>;

/**
 * Staff side of a resident's link request (care.client.write in the resident's community): list, confirm with the
 * client found in their own client list (after checking the person in person), or reject. Both decisions audited.
 */
export class LinkRequestsService {
  constructor(private readonly ctx: AppContext) {}

  private toDto(row: LinkView): LinkRequest {
    const { link } = row;
    return {
      id: link.id,
      areaCode: link.areaCode,
      areaName: row.areaName ?? link.areaCode,
      displayName: row.displayName,
      phoneMasked: maskPhone(row.phoneEnc ? this.ctx.cipher.decrypt(row.phoneEnc) : null) ?? '',
      status: link.status,
      requestedAt: link.requestedAt.toISOString(),
      decidedAt: link.decidedAt?.toISOString() ?? null,
      clientId: link.clientId,
    };
  }

  async list(actor: Actor, query: { status?: string | undefined; page: number; pageSize: number }) {
    const { rows, total } = await listLinks(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, {
      action: 'resident.link_list',
      objectType: 'resident_link',
      objectIds: rows.map((r) => r.link.id),
      fields: ['displayName', 'phoneMasked'],
    });
    return {
      items: rows.map((r) => this.toDto(r)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    } satisfies LinkRequestList;
  }

  private async loadPending(actor: Actor, id: string): Promise<LinkView> {
    const row = await findLink(this.ctx.db, id);
    if (!row || !codeInPrefixes(row.link.areaCode, actor.scopePrefixes))
      throw deniedNotFound(this.ctx, actor, 'resident_link', [id], 'residents.not_found');
    if (row.link.status !== 'pending') throw new AppError('residents.link_decided');
    return row;
  }

  async confirm(actor: Actor, id: string, clientId: string): Promise<LinkRequest> {
    const row = await this.loadPending(actor, id);
    const client = await visibleClientRef(this.ctx, actor, clientId);
    if (client.areaCode !== row.link.areaCode) throw new AppError('residents.link_community');
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const won = await decideLink(tx, id, { status: 'confirmed', clientId, decidedBy: actor.userId, decidedAt: now });
      if (!won) throw new AppError('residents.link_decided');
      await updateProfile(tx, row.link.userId, { clientId, linkedAt: now });
      await auditInTx(this.ctx, tx, actor, {
        action: 'resident.link_confirm',
        objectType: 'resident_link',
        objectIds: [id, clientId, row.link.userId],
        detail: 'confirmed in person',
      });
    });
    return this.toDto((await findLink(this.ctx.db, id))!);
  }

  async reject(actor: Actor, id: string, reason: string): Promise<LinkRequest> {
    const row = await this.loadPending(actor, id);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const won = await decideLink(tx, id, { status: 'rejected', reason, decidedBy: actor.userId, decidedAt: now });
      if (!won) throw new AppError('residents.link_decided');
      await auditInTx(this.ctx, tx, actor, {
        action: 'resident.link_reject',
        objectType: 'resident_link',
        objectIds: [id, row.link.userId],
        detail: reason,
      });
    });
    return this.toDto((await findLink(this.ctx.db, id))!);
  }
}
