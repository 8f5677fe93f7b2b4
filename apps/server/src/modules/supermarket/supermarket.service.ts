import { randomUUID } from 'node:crypto';
import {
  RESERVATION_DAYS,
  type ItemCategory,
  type Supermarket,
  type SupermarketInput,
  type SupermarketItem,
  type SupermarketItemInput,
  type SupermarketItemUpdateInput,
  type SupermarketUpdateInput,
} from '@linli/contracts/modules/supermarket';
import { type Actor, scopeCommunities } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { ensurePointAccount, pointBalance } from '../points';
import { itemActions, supermarketActions, supermarketPolicy } from './supermarket.policy';
import {
  type ItemRow,
  type SupermarketRow,
  findItem,
  findSupermarket,
  insertItem,
  insertSupermarket,
  itemCounts,
  listItems,
  listSupermarkets,
  updateItem,
  updateSupermarket,
} from './supermarket.repository';

type Paging = { page: number; pageSize: number };

export function itemDto(actor: Actor, row: ItemRow): SupermarketItem {
  return {
    id: row.id,
    supermarketId: row.supermarketId,
    areaCode: row.areaCode,
    name: row.name,
    category: row.category as ItemCategory,
    unit: row.unit,
    pricePoints: row.pricePoints,
    stock: row.stock,
    active: row.active,
    updatedAt: row.updatedAt.toISOString(),
    allowedActions: itemActions(actor, row),
  };
}

/** Supermarkets and their items: staff of the community open a supermarket, keep its item list and prices. */
export class SupermarketService {
  constructor(private readonly ctx: AppContext) {}

  /** A supermarket the actor may see under `can`, else 404 like a missing one. */
  async visible(actor: Actor, id: string, can = supermarketPolicy.canRead): Promise<SupermarketRow> {
    const row = await findSupermarket(this.ctx.db, id, scopeCommunities(actor.scopePrefixes));
    if (!row || !can(actor, row)) throw deniedNotFound(this.ctx, actor, 'supermarket', [id], 'supermarket.not_found');
    return row;
  }

  /** An item the actor may see under `can`, else 404 like a missing one. */
  async visibleItem(actor: Actor, id: string, can = supermarketPolicy.canRead): Promise<ItemRow> {
    const row = await findItem(this.ctx.db, id);
    if (!row || !can(actor, row))
      throw deniedNotFound(this.ctx, actor, 'supermarket_item', [id], 'supermarket.not_found');
    return row;
  }

  /** The points the supermarket's account holds (its account is made with the supermarket). */
  private async balances(rows: SupermarketRow[]): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    return this.ctx.db.transaction(async (tx) => {
      const out = new Map<string, number>();
      for (const r of rows) {
        const account = await ensurePointAccount(tx, { kind: 'supermarket', ownerId: r.id, areaCode: r.areaCode });
        out.set(r.id, await pointBalance(tx, account));
      }
      return out;
    });
  }

  private async dtos(actor: Actor, rows: SupermarketRow[]): Promise<Supermarket[]> {
    const [counts, balances] = await Promise.all([
      itemCounts(
        this.ctx.db,
        rows.map((r) => r.id),
      ),
      this.balances(rows),
    ]);
    return rows.map((r) => ({
      id: r.id,
      areaCode: r.areaCode,
      name: r.name,
      address: r.address,
      openingHours: r.openingHours,
      active: r.active,
      reservationDays: r.reservationDays,
      balance: balances.get(r.id) ?? null,
      itemCount: counts.get(r.id) ?? 0,
      createdAt: r.createdAt.toISOString(),
      allowedActions: supermarketActions(actor, r),
    }));
  }

  async list(actor: Actor, query: { areaCode?: string | undefined } & Paging) {
    if (query.areaCode && !supermarketPolicy.canRead(actor, { areaCode: query.areaCode }))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listSupermarkets(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    return { items: await this.dtos(actor, rows), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string): Promise<Supermarket> {
    const [dto] = await this.dtos(actor, [await this.visible(actor, id)]);
    return dto!;
  }

  async create(actor: Actor, input: SupermarketInput): Promise<Supermarket> {
    // An area outside the jurisdiction answers like one that does not exist (ids inside bodies are scope-checked too).
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.status !== 'active' || !supermarketPolicy.canManage(actor, { areaCode: area.code })) {
      throw new AppError('area.not_found', [
        { path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } },
      ]);
    }
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await insertSupermarket(tx, {
        id,
        areaCode: area.code,
        name: input.name,
        address: input.address ?? '',
        openingHours: input.openingHours ?? '',
        active: true,
        reservationDays: input.reservationDays ?? RESERVATION_DAYS.default,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await ensurePointAccount(tx, { kind: 'supermarket', ownerId: id, areaCode: area.code });
      await auditInTx(this.ctx, tx, actor, {
        action: 'supermarket.create',
        objectType: 'supermarket',
        objectIds: [id],
      });
    });
    return this.detail(actor, id);
  }

  async update(actor: Actor, id: string, input: SupermarketUpdateInput): Promise<Supermarket> {
    await this.visible(actor, id, supermarketPolicy.canManage);
    await this.ctx.db.transaction(async (tx) => {
      await updateSupermarket(tx, id, {
        name: input.name,
        address: input.address ?? '',
        openingHours: input.openingHours ?? '',
        active: input.active,
        // Left out keeps the setting; open reservations follow a new one (their deadline is reckoned from it).
        ...(input.reservationDays === undefined ? {} : { reservationDays: input.reservationDays }),
        updatedAt: this.ctx.clock.now(),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'supermarket.update',
        objectType: 'supermarket',
        objectIds: [id],
        fields: Object.keys(input),
      });
    });
    return this.detail(actor, id);
  }

  async items(
    actor: Actor,
    query: { supermarketId?: string | undefined; category?: string | undefined; q?: string | undefined } & Paging,
  ) {
    if (query.supermarketId) await this.visible(actor, query.supermarketId);
    const { rows, total } = await listItems(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    return { items: rows.map((r) => itemDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  async item(actor: Actor, id: string): Promise<SupermarketItem> {
    return itemDto(actor, await this.visibleItem(actor, id));
  }

  async createItem(actor: Actor, input: SupermarketItemInput): Promise<SupermarketItem> {
    const market = await this.visible(actor, input.supermarketId, supermarketPolicy.canManage);
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await insertItem(tx, {
        id,
        supermarketId: market.id,
        areaCode: market.areaCode,
        name: input.name,
        category: input.category,
        unit: input.unit,
        pricePoints: input.pricePoints,
        stock: 0,
        active: true,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'supermarket.item_create',
        objectType: 'supermarket_item',
        objectIds: [id],
      });
    });
    return this.item(actor, id);
  }

  async updateItem(actor: Actor, id: string, input: SupermarketItemUpdateInput): Promise<SupermarketItem> {
    await this.visibleItem(actor, id, supermarketPolicy.canManage);
    await this.ctx.db.transaction(async (tx) => {
      await updateItem(tx, id, { ...input, updatedAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, {
        action: 'supermarket.item_update',
        objectType: 'supermarket_item',
        objectIds: [id],
        fields: Object.keys(input),
      });
    });
    return this.item(actor, id);
  }
}
