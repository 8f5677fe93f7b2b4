import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** One account per (kind, owner): a community's issuer, a volunteer, a supermarket. balance = Σin − Σout (cached). */
export const pointAccounts = pgTable('point_accounts', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  kind: text('kind', { enum: ['issuer', 'volunteer', 'supermarket'] }).notNull(),
  ownerId: text('owner_id').notNull(),
  balance: bigint('balance', { mode: 'number' }).notNull().default(0),
  createdAt: ts('created_at').notNull(),
});

/** The append-only double-entry ledger: one row per movement from one account to another. */
export const pointTransfers = pgTable('point_transfers', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  fromAccount: uuid('from_account').notNull(),
  toAccount: uuid('to_account').notNull(),
  points: bigint('points', { mode: 'number' }).notNull(),
  kind: text('kind', { enum: ['earn', 'redeem', 'return', 'reverse', 'adjust'] }).notNull(),
  refType: text('ref_type').notNull(),
  refId: text('ref_id').notNull(),
  memo: text('memo').notNull(),
  reversesTransferId: uuid('reverses_transfer_id'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

/**
 * Each account's side of each transfer (migration 0044), under the account's community: what statements and totals
 * read, so that they stay on the account's shard group on a Citus cluster. points: signed from the account's side.
 */
export const pointPostings = pgTable('point_postings', {
  areaCode: text('area_code').notNull(),
  accountId: uuid('account_id').notNull(),
  transferId: uuid('transfer_id').notNull(),
  points: bigint('points', { mode: 'number' }).notNull(),
  kind: text('kind', { enum: ['earn', 'redeem', 'return', 'reverse', 'adjust'] }).notNull(),
  counterpartKind: text('counterpart_kind', { enum: ['issuer', 'volunteer', 'supermarket'] }).notNull(),
  memo: text('memo').notNull(),
  refType: text('ref_type').notNull(),
  refId: text('ref_id').notNull(),
  reversesTransferId: uuid('reverses_transfer_id'),
  createdAt: ts('created_at').notNull(),
});

/** Earning rules per district, versioned by effective date. typeRates: activity type → points per hour. */
export const pointRules = pgTable('point_rules', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  pointsPerHour: integer('points_per_hour').notNull(),
  typeRates: jsonb('type_rates').$type<Record<string, number>>().notNull(),
  monthlyCap: integer('monthly_cap').notNull(),
  note: text('note').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

/** How an hours entry was turned into points (or a reversal took them back). */
export const pointEarnings = pgTable('point_earnings', {
  entryId: uuid('entry_id').primaryKey(),
  areaCode: text('area_code').notNull(),
  districtCode: text('district_code').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  month: text('month').notNull(),
  minutes: integer('minutes').notNull(),
  activityType: text('activity_type').notNull(),
  rate: integer('rate').notNull(),
  pointsDue: integer('points_due').notNull(),
  points: integer('points').notNull(),
  shortfall: integer('shortfall').notNull(),
  capped: boolean('capped').notNull(),
  reversesEntryId: uuid('reverses_entry_id'),
  transferId: uuid('transfer_id'),
  createdAt: ts('created_at').notNull(),
});
