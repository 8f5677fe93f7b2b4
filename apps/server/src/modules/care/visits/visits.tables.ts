import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
type Tier = 'red' | 'yellow' | 'blue';

export const visits = pgTable('visits', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  areaCode: text('area_code').notNull(),
  gridCode: text('grid_code'),
  assigneeId: uuid('assignee_id'),
  windowStart: date('window_start', { mode: 'string' }).notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  windowEnd: date('window_end', { mode: 'string' }).notNull(),
  mode: text('mode').$type<'home' | 'phone' | 'video' | 'centre'>().notNull(),
  status: text('status').$type<'planned' | 'done' | 'missed' | 'cancelled' | 'superseded'>().notNull(),
  tier: text('tier').$type<Tier>(),
  policyId: uuid('policy_id'),
  visitedOn: date('visited_on', { mode: 'string' }),
  doneAt: ts('done_at'),
  outcomeNotes: text('outcome_notes'),
  services: text('services').array().notNull(),
  missedReason: text('missed_reason').$type<'not_home' | 'hospitalised' | 'refused' | 'moved' | 'other'>(),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const visitEvents = pgTable('visit_events', {
  id: uuid('id').primaryKey(),
  visitId: uuid('visit_id').notNull(),
  /** The owning community (its parent's; migration 0033): the future distribution key (ADR 0009). */
  areaCode: text('area_code').notNull(),
  status: text('status').notNull(),
  note: text('note'),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
});
