import { randomUUID } from 'node:crypto';
import type { RequestsItem } from '@linli/contracts/modules/requests';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { allowedRequestsActions, requestsPolicy } from './requests.policy';
import { type RequestsItemRow, findRequestsItem, insertRequestsItem, listRequestsItems } from './requests.repository';

/** Use cases of the requests module: authorise → rules → repository in a transaction → audit. */
export class RequestsService {
  constructor(private readonly ctx: AppContext) {}

  private toDto(actor: Actor, row: RequestsItemRow): RequestsItem {
    return { id: row.id, areaCode: row.areaCode, title: row.title, createdAt: row.createdAt.toISOString(), allowedActions: allowedRequestsActions(actor, row) };
  }

  async list(actor: Actor, query: { areaCode?: string | undefined; page: number; pageSize: number }) {
    if (query.areaCode && !requestsPolicy.canRead(actor, { areaCode: query.areaCode })) throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listRequestsItems(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, { action: 'requests.list', objectType: 'requests_item', objectIds: rows.map((r) => r.id), fields: ['title'] });
    return { items: rows.map((r) => this.toDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<RequestsItem> {
    const row = await findRequestsItem(this.ctx.db, id);
    if (!row || !requestsPolicy.canRead(actor, row)) throw deniedNotFound(this.ctx, actor, 'requests_item', [id], 'requests.not_found');
    if (audit) auditRead(this.ctx, actor, { action: 'requests.read', objectType: 'requests_item', objectIds: [id], fields: ['title'] });
    return this.toDto(actor, row);
  }

  async create(actor: Actor, input: { areaCode: string; title: string }): Promise<RequestsItem> {
    // An area outside the jurisdiction answers like one that does not exist (ids inside bodies are scope-checked too).
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.status !== 'active' || !requestsPolicy.canCreateIn(actor, area.code)) {
      throw new AppError('area.not_found', [{ path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } }]);
    }
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertRequestsItem(tx, { id, areaCode: area.code, title: input.title, createdBy: actor.userId, createdAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, { action: 'requests.create', objectType: 'requests_item', objectIds: [id], fields: ['title'] });
    });
    return this.detail(actor, id, false);
  }
}
