import { randomUUID } from 'node:crypto';
import type { PlacesItem } from '@linli/contracts/modules/places';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { allowedPlacesActions, placesPolicy } from './places.policy';
import { type PlacesItemRow, findPlacesItem, insertPlacesItem, listPlacesItems } from './places.repository';

/** Use cases of the places module: authorise → rules → repository in a transaction → audit. */
export class PlacesService {
  constructor(private readonly ctx: AppContext) {}

  private toDto(actor: Actor, row: PlacesItemRow): PlacesItem {
    return { id: row.id, areaCode: row.areaCode, title: row.title, createdAt: row.createdAt.toISOString(), allowedActions: allowedPlacesActions(actor, row) };
  }

  async list(actor: Actor, query: { areaCode?: string | undefined; page: number; pageSize: number }) {
    if (query.areaCode && !placesPolicy.canRead(actor, { areaCode: query.areaCode })) throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listPlacesItems(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, { action: 'places.list', objectType: 'places_item', objectIds: rows.map((r) => r.id), fields: ['title'] });
    return { items: rows.map((r) => this.toDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<PlacesItem> {
    const row = await findPlacesItem(this.ctx.db, id);
    if (!row || !placesPolicy.canRead(actor, row)) throw deniedNotFound(this.ctx, actor, 'places_item', [id], 'places.not_found');
    if (audit) auditRead(this.ctx, actor, { action: 'places.read', objectType: 'places_item', objectIds: [id], fields: ['title'] });
    return this.toDto(actor, row);
  }

  async create(actor: Actor, input: { areaCode: string; title: string }): Promise<PlacesItem> {
    // An area outside the jurisdiction answers like one that does not exist (ids inside bodies are scope-checked too).
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.status !== 'active' || !placesPolicy.canCreateIn(actor, area.code)) {
      throw new AppError('area.not_found', [{ path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } }]);
    }
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertPlacesItem(tx, { id, areaCode: area.code, title: input.title, createdBy: actor.userId, createdAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, { action: 'places.create', objectType: 'places_item', objectIds: [id], fields: ['title'] });
    });
    return this.detail(actor, id, false);
  }
}
