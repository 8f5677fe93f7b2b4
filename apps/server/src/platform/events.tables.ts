import { bigserial, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The outbox of events between modules (migration 0012; platform/events.ts). */
export const eventOutbox = pgTable('event_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  type: text('type').notNull(),
  areaCode: text('area_code'),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  actorId: uuid('actor_id'),
  createdAt: ts('created_at').notNull(),
  processedAt: ts('processed_at'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at'),
  lastError: text('last_error'),
});
