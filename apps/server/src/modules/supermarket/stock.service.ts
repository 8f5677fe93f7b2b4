import { randomUUID } from 'node:crypto';
import type {
  DonorKind,
  MovementKind,
  StockAdjustInput,
  StockInInput,
  StockMovement,
  SupermarketItem,
} from '@linli/contracts/modules/supermarket';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { findOrganisationInScope } from '../organisations';
import { supermarketPolicy } from './supermarket.policy';
import { type MovementFilter, type MovementRow, changeStock, listMovements } from './supermarket.repository';
import type { SupermarketService } from './supermarket.service';

type Paging = { page: number; pageSize: number };

export function movementDto(row: { m: MovementRow; itemName: string }): StockMovement {
  const m = row.m;
  return {
    id: m.id,
    supermarketId: m.supermarketId,
    itemId: m.itemId,
    itemName: row.itemName,
    kind: m.kind as MovementKind,
    quantity: m.quantity,
    stockAfter: m.stockAfter,
    donorKind: (m.donorKind as DonorKind | null) ?? null,
    donorName: m.donorName,
    organisationId: m.organisationId,
    fundReference: m.fundReference,
    note: m.note,
    redemptionId: m.redemptionId,
    createdAt: m.createdAt.toISOString(),
  };
}

const blank = {
  donorKind: null,
  donorName: null,
  organisationId: null,
  fundReference: null,
  note: null,
  redemptionId: null,
  returnId: null,
};

/** 入库 and stock corrections; the stock ledger (append-only) behind every change of an item's stock. */
export class StockService {
  constructor(
    private readonly ctx: AppContext,
    private readonly markets: SupermarketService,
  ) {}

  /** An in-kind donation comes in: stock up, one ledger row naming its source. */
  async stockIn(actor: Actor, input: StockInInput): Promise<SupermarketItem> {
    const item = await this.markets.visibleItem(actor, input.itemId, supermarketPolicy.canManage);
    let donorName = input.donorKind === 'anonymous' ? null : (input.donorName ?? null);
    let organisationId: string | null = null;
    if (input.donorKind === 'organisation' && input.organisationId) {
      const org = await findOrganisationInScope(this.ctx, null, actor, input.organisationId);
      if (!org)
        throw new AppError('supermarket.not_found', [{ path: 'organisationId', code: 'organisations.unknown' }]);
      organisationId = org.id;
      donorName = donorName ?? org.name;
    } else if (input.organisationId) {
      throw new AppError('supermarket.not_found', [{ path: 'organisationId', code: 'organisations.unknown' }]);
    }
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await changeStock(tx, item, input.quantity, {
        ...blank,
        id,
        kind: 'donation',
        donorKind: input.donorKind,
        donorName,
        organisationId,
        fundReference: input.fundReference || null,
        note: input.note || null,
        createdBy: actor.userId,
        createdAt: this.ctx.clock.now(),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'supermarket.stock_in',
        objectType: 'supermarket_item',
        objectIds: [item.id],
        fields: ['quantity', 'donorName'],
      });
    });
    return this.markets.item(actor, item.id);
  }

  /** A counted correction (loss, damage, recount): never below zero, always with a reason. */
  async adjust(actor: Actor, input: StockAdjustInput): Promise<SupermarketItem> {
    const item = await this.markets.visibleItem(actor, input.itemId, supermarketPolicy.canManage);
    await this.ctx.db.transaction(async (tx) => {
      const stock = await changeStock(tx, item, input.delta, {
        ...blank,
        id: randomUUID(),
        kind: 'adjustment',
        note: input.reason,
        createdBy: actor.userId,
        createdAt: this.ctx.clock.now(),
      });
      if (stock === null) throw new AppError('supermarket.stock_negative');
      await auditInTx(this.ctx, tx, actor, {
        action: 'supermarket.stock_adjust',
        objectType: 'supermarket_item',
        objectIds: [item.id],
        fields: ['quantity'],
        detail: input.reason,
      });
    });
    return this.markets.item(actor, item.id);
  }

  /** The stock ledger of the actor's jurisdiction (narrowed to a supermarket or an item). */
  async movements(actor: Actor, query: Omit<MovementFilter, 'prefixes'> & Paging) {
    if (query.supermarketId) await this.markets.visible(actor, query.supermarketId);
    if (query.itemId) await this.markets.visibleItem(actor, query.itemId);
    const { rows, total } = await listMovements(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, {
      action: 'supermarket.movements',
      objectType: 'supermarket_item',
      objectIds: [...new Set(rows.map((r) => r.m.itemId))],
      fields: ['donorName'],
    });
    return { items: rows.map(movementDto), total, page: query.page, pageSize: query.pageSize };
  }
}
