import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  areaCode: text('area_code').notNull(),
  status: text('status').$type<'draft' | 'plan_pending' | 'active' | 'closure_pending' | 'closed'>().notNull(),
  openedBy: uuid('opened_by'),
  openedAt: ts('opened_at').notNull(),
  planNote: text('plan_note'),
  planDecidedBy: uuid('plan_decided_by'),
  planDecidedAt: ts('plan_decided_at'),
  closingReason: text('closing_reason'),
  closedAt: ts('closed_at'),
  version: integer('version').notNull(),
});

export const caseGoals = pgTable('case_goals', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  /** The owning community (its parent's; migration 0033): the future distribution key (ADR 0009). */
  areaCode: text('area_code').notNull(),
  domain: text('domain').notNull(),
  goal: text('goal').notNull(),
  position: integer('position').notNull(),
});

export const caseTasks = pgTable('case_tasks', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  /** The owning community (its parent's; migration 0033): the future distribution key (ADR 0009). */
  areaCode: text('area_code').notNull(),
  goalId: uuid('goal_id'),
  title: text('title').notNull(),
  ownerId: uuid('owner_id'),
  dueDate: date('due_date', { mode: 'string' }),
  doneAt: ts('done_at'),
  doneBy: uuid('done_by'),
  doneVisitId: uuid('done_visit_id'),
});

export const caseEvents = pgTable('case_events', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  /** The owning community (its parent's; migration 0033): the future distribution key (ADR 0009). */
  areaCode: text('area_code').notNull(),
  kind: text('kind').notNull(),
  note: text('note'),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
});
