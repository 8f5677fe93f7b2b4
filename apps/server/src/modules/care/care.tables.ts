import { date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
type Tier = 'red' | 'yellow' | 'blue';

export const households = pgTable('households', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  gridCode: text('grid_code'),
  address: text('address'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const clients = pgTable('clients', {
  id: uuid('id').primaryKey(),
  householdId: uuid('household_id'),
  areaCode: text('area_code').notNull(),
  gridCode: text('grid_code'),
  name: text('name').notNull(),
  namePinyin: text('name_pinyin').notNull(),
  nameInitials: text('name_initials').notNull(),
  idNumberEnc: text('id_number_enc'),
  idNumberBidx: text('id_number_bidx'),
  idNumberMasked: text('id_number_masked'),
  sex: text('sex').$type<'male' | 'female'>(),
  birthDate: date('birth_date', { mode: 'string' }),
  phoneEnc: text('phone_enc'),
  phoneBidx: text('phone_bidx'),
  phoneMasked: text('phone_masked'),
  address: text('address'),
  categories: text('categories').array().notNull(),
  disabilityCardEnc: text('disability_card_enc'),
  disabilityCardMasked: text('disability_card_masked'),
  disabilityCategory: text('disability_category'),
  disabilityGrade: text('disability_grade'),
  emergencyContactName: text('emergency_contact_name'),
  emergencyPhoneEnc: text('emergency_phone_enc'),
  emergencyPhoneMasked: text('emergency_phone_masked'),
  tier: text('tier').$type<Tier>(),
  tierSince: ts('tier_since'),
  status: text('status').$type<'active' | 'paused' | 'moved_out' | 'deceased' | 'closed'>().notNull(),
  assigneeId: uuid('assignee_id'),
  notes: text('notes'),
  resumeOn: date('resume_on', { mode: 'string' }),
  mergedInto: uuid('merged_into'),
  version: integer('version').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const tierPolicies = pgTable('tier_policies', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  version: integer('version').notNull(),
  rules: jsonb('rules').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

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
  status: text('status').notNull(),
  note: text('note'),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
});

export const clientEvents = pgTable('client_events', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  kind: text('kind').$type<'updated' | 'status' | 'reassigned'>().notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
});

export const clientMerges = pgTable('client_merges', {
  id: uuid('id').primaryKey(),
  sourceId: uuid('source_id').notNull(),
  targetId: uuid('target_id').notNull(),
  sourceStatus: text('source_status').notNull(),
  moved: jsonb('moved').$type<Record<string, string[]>>().notNull(),
  reason: text('reason').notNull(),
  mergedBy: uuid('merged_by'),
  mergedAt: ts('merged_at').notNull(),
  undoneBy: uuid('undone_by'),
  undoneAt: ts('undone_at'),
});
