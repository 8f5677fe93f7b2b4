import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** Charity supermarkets (migration 0029), one or more per community; their points account lives in the points module. */
export const supermarkets = pgTable('supermarkets', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  openingHours: text('opening_hours').notNull(),
  active: boolean('active').notNull(),
  /** Days a reservation is kept before it expires (migration 0031; 1–60, default 7). */
  reservationDays: integer('reservation_days').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Goods on offer: price in points, stock a cached count kept with the stock ledger (CHECK stock >= 0). */
export const supermarketItems = pgTable('supermarket_items', {
  id: uuid('id').primaryKey(),
  supermarketId: uuid('supermarket_id').notNull(),
  areaCode: text('area_code').notNull(),
  name: text('name').notNull(),
  category: text('category').notNull(),
  unit: text('unit').notNull(),
  pricePoints: integer('price_points').notNull(),
  stock: integer('stock').notNull(),
  active: boolean('active').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const supermarketRedemptions = pgTable('supermarket_redemptions', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  supermarketId: uuid('supermarket_id').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  channel: text('channel').notNull(),
  status: text('status').notNull(),
  totalPoints: integer('total_points').notNull(),
  returnedPoints: integer('returned_points').notNull(),
  transferId: uuid('transfer_id'),
  requestHash: text('request_hash').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  collectedAt: ts('collected_at'),
  collectedBy: uuid('collected_by'),
  cancelledAt: ts('cancelled_at'),
  cancelledBy: uuid('cancelled_by'),
  cancelReason: text('cancel_reason'),
});

export const supermarketRedemptionLines = pgTable(
  'supermarket_redemption_lines',
  {
    redemptionId: uuid('redemption_id').notNull(),
    itemId: uuid('item_id').notNull(),
    areaCode: text('area_code').notNull(),
    itemName: text('item_name').notNull(),
    unit: text('unit').notNull(),
    quantity: integer('quantity').notNull(),
    pricePoints: integer('price_points').notNull(),
    returnedQuantity: integer('returned_quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.redemptionId, t.itemId] })],
);

export const supermarketReturns = pgTable('supermarket_returns', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  redemptionId: uuid('redemption_id').notNull(),
  points: integer('points').notNull(),
  transferId: uuid('transfer_id'),
  reason: text('reason').notNull(),
  /** Null for a system step (an expired reservation). */
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

/** The stock ledger (append-only, a trigger refuses edits): one row per change of an item's stock. */
export const supermarketStockMovements = pgTable('supermarket_stock_movements', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  supermarketId: uuid('supermarket_id').notNull(),
  itemId: uuid('item_id').notNull(),
  kind: text('kind').notNull(),
  quantity: integer('quantity').notNull(),
  stockAfter: integer('stock_after').notNull(),
  donorKind: text('donor_kind'),
  donorName: text('donor_name'),
  organisationId: uuid('organisation_id'),
  fundReference: text('fund_reference'),
  note: text('note'),
  redemptionId: uuid('redemption_id'),
  returnId: uuid('return_id'),
  /** Null for a system step (an expired reservation). */
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});
