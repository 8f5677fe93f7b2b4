import { bigint, bigserial, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The event columns shared by the chained log and the outbox (a fresh set of builders per table). */
const eventColumns = () => ({
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  role: text('role'),
  areaCodes: text('area_codes').array().notNull(),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectIds: text('object_ids').array().notNull(),
  fields: text('fields').array().notNull(),
  result: text('result').$type<'success' | 'failure' | 'denied'>().notNull(),
  ip: text('ip'),
  requestId: text('request_id'),
  detail: text('detail'),
  /** Stamped by the database in audit_enqueue() (migration 0010, ADR 0006); null on rows from before it. */
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
  dbRole: text('db_role'),
});

export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  ...eventColumns(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});

/** Audit rows written by requests, waiting for the sealer to chain them (migration 0009, ADR 0005). */
export const auditPending = pgTable('audit_pending', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ...eventColumns(),
});
