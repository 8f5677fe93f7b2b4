import { date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
type Tier = 'red' | 'yellow' | 'blue';

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

export const clientEvents = pgTable('client_events', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  /** The owning community (its parent's; migration 0033): the future distribution key (ADR 0009). */
  areaCode: text('area_code').notNull(),
  kind: text('kind').$type<'updated' | 'status' | 'reassigned'>().notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
});

export const clientMerges = pgTable('client_merges', {
  id: uuid('id').primaryKey(),
  sourceId: uuid('source_id').notNull(),
  targetId: uuid('target_id').notNull(),
  /** The owning community (its parent's; migration 0033): the future distribution key (ADR 0009). */
  areaCode: text('area_code').notNull(),
  sourceStatus: text('source_status').notNull(),
  moved: jsonb('moved').$type<Record<string, string[]>>().notNull(),
  reason: text('reason').notNull(),
  mergedBy: uuid('merged_by'),
  mergedAt: ts('merged_at').notNull(),
  undoneBy: uuid('undone_by'),
  undoneAt: ts('undone_at'),
});
