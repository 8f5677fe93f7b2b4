import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
type Tier = 'red' | 'yellow' | 'blue';

export const assessments = pgTable('assessments', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  areaCode: text('area_code').notNull(),
  scores: jsonb('scores').notNull(),
  suggestedTier: text('suggested_tier').$type<Tier>().notNull(),
  confirmedTier: text('confirmed_tier').$type<Tier>().notNull(),
  overrideReason: text('override_reason'),
  policyId: uuid('policy_id'),
  assessedBy: uuid('assessed_by'),
  assessedAt: ts('assessed_at').notNull(),
});

export const tierChanges = pgTable('tier_changes', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  areaCode: text('area_code').notNull(),
  fromTier: text('from_tier').$type<Tier>(),
  toTier: text('to_tier').$type<Tier>().notNull(),
  assessmentId: uuid('assessment_id'),
  reason: text('reason'),
  status: text('status').$type<'applied' | 'pending_approval' | 'rejected'>().notNull(),
  requestedBy: uuid('requested_by'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note'),
  createdAt: ts('created_at').notNull(),
});
