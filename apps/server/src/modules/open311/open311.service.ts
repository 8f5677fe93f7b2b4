import { randomUUID } from 'node:crypto';
import type { Open311Item } from '@linli/contracts/modules/open311';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { allowedOpen311Actions, open311Policy } from './open311.policy';
import { type Open311ItemRow, findOpen311Item, insertOpen311Item, listOpen311Items } from './open311.repository';

/** Use cases of the open311 module: authorise → rules → repository in a transaction → audit. */
export class Open311Service {
  constructor(private readonly ctx: AppContext) {}

  private toDto(actor: Actor, row: Open311ItemRow): Open311Item {
    return { id: row.id, areaCode: row.areaCode, title: row.title, createdAt: row.createdAt.toISOString(), allowedActions: allowedOpen311Actions(actor, row) };
  }

  async list(actor: Actor, query: { areaCode?: string | undefined; page: number; pageSize: number }) {
    if (query.areaCode && !open311Policy.canRead(actor, { areaCode: query.areaCode })) throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listOpen311Items(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, { action: 'open311.list', objectType: 'open311_item', objectIds: rows.map((r) => r.id), fields: ['title'] });
    return { items: rows.map((r) => this.toDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<Open311Item> {
    const row = await findOpen311Item(this.ctx.db, id);
    if (!row || !open311Policy.canRead(actor, row)) throw deniedNotFound(this.ctx, actor, 'open311_item', [id], 'open311.not_found');
    if (audit) auditRead(this.ctx, actor, { action: 'open311.read', objectType: 'open311_item', objectIds: [id], fields: ['title'] });
    return this.toDto(actor, row);
  }

  async create(actor: Actor, input: { areaCode: string; title: string }): Promise<Open311Item> {
    // An area outside the jurisdiction answers like one that does not exist (ids inside bodies are scope-checked too).
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.status !== 'active' || !open311Policy.canCreateIn(actor, area.code)) {
      throw new AppError('area.not_found', [{ path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } }]);
    }
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertOpen311Item(tx, { id, areaCode: area.code, title: input.title, createdBy: actor.userId, createdAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, { action: 'open311.create', objectType: 'open311_item', objectIds: [id], fields: ['title'] });
    });
    return this.detail(actor, id, false);
  }
}
