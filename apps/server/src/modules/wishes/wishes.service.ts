import { randomUUID } from 'node:crypto';
import type { WishesItem } from '@linli/contracts/modules/wishes';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { allowedWishesActions, wishesPolicy } from './wishes.policy';
import { type WishesItemRow, findWishesItem, insertWishesItem, listWishesItems } from './wishes.repository';

/** Use cases of the wishes module: authorise → rules → repository in a transaction → audit. */
export class WishesService {
  constructor(private readonly ctx: AppContext) {}

  private toDto(actor: Actor, row: WishesItemRow): WishesItem {
    return { id: row.id, areaCode: row.areaCode, title: row.title, createdAt: row.createdAt.toISOString(), allowedActions: allowedWishesActions(actor, row) };
  }

  async list(actor: Actor, query: { areaCode?: string | undefined; page: number; pageSize: number }) {
    if (query.areaCode && !wishesPolicy.canRead(actor, { areaCode: query.areaCode })) throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listWishesItems(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, { action: 'wishes.list', objectType: 'wishes_item', objectIds: rows.map((r) => r.id), fields: ['title'] });
    return { items: rows.map((r) => this.toDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<WishesItem> {
    const row = await findWishesItem(this.ctx.db, id);
    if (!row || !wishesPolicy.canRead(actor, row)) throw deniedNotFound(this.ctx, actor, 'wishes_item', [id], 'wishes.not_found');
    if (audit) auditRead(this.ctx, actor, { action: 'wishes.read', objectType: 'wishes_item', objectIds: [id], fields: ['title'] });
    return this.toDto(actor, row);
  }

  async create(actor: Actor, input: { areaCode: string; title: string }): Promise<WishesItem> {
    // An area outside the jurisdiction answers like one that does not exist (ids inside bodies are scope-checked too).
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.status !== 'active' || !wishesPolicy.canCreateIn(actor, area.code)) {
      throw new AppError('area.not_found', [{ path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } }]);
    }
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertWishesItem(tx, { id, areaCode: area.code, title: input.title, createdBy: actor.userId, createdAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, { action: 'wishes.create', objectType: 'wishes_item', objectIds: [id], fields: ['title'] });
    });
    return this.detail(actor, id, false);
  }
}
