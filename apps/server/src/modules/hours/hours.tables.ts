import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });
const day = (column: string) => date(column, { mode: 'string' });

/** The append-only ledger (a trigger refuses UPDATE/DELETE): credits, and reversing entries for corrections. */
export const hourEntries = pgTable('hour_entries', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  minutes: integer('minutes').notNull(),
  source: text('source').$type<'activity' | 'self_report' | 'correction'>().notNull(),
  activityId: uuid('activity_id'),
  participationId: uuid('participation_id'),
  claimId: uuid('claim_id'),
  serviceDate: day('service_date').notNull(),
  content: text('content').notNull(),
  activityType: text('activity_type').notNull(),
  organiserName: text('organiser_name').notNull(),
  confirmedBy: uuid('confirmed_by').notNull(),
  reversesEntryId: uuid('reverses_entry_id'),
  reason: text('reason'),
  createdAt: ts('created_at').notNull(),
});

export const hourClaims = pgTable('hour_claims', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  serviceDate: day('service_date').notNull(),
  minutes: integer('minutes').notNull(),
  content: text('content').notNull(),
  place: text('place').notNull(),
  organiserName: text('organiser_name').notNull(),
  activityType: text('activity_type').notNull(),
  status: text('status').$type<'pending' | 'approved' | 'declined'>().notNull(),
  decisionNote: text('decision_note'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  entryId: uuid('entry_id'),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const hourStarRules = pgTable('hour_star_rules', {
  areaCode: text('area_code').primaryKey(),
  thresholds: integer('thresholds').array().notNull(),
  preset: text('preset').notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const hourStarEvents = pgTable('hour_star_events', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  level: integer('level').notNull(),
  kind: text('kind').$type<'awarded' | 'revoked'>().notNull(),
  thresholdHours: integer('threshold_hours').notNull(),
  totalMinutes: integer('total_minutes').notNull(),
  entryId: uuid('entry_id').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const hourCertificates = pgTable('hour_certificates', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  number: text('number').notNull(),
  verifyCode: text('verify_code').notNull(),
  maskedName: text('masked_name').notNull(),
  periodFrom: day('period_from').notNull(),
  periodTo: day('period_to').notNull(),
  totalMinutes: integer('total_minutes').notNull(),
  entryCount: integer('entry_count').notNull(),
  contentSummary: text('content_summary').notNull(),
  issuerName: text('issuer_name').notNull(),
  personInCharge: text('person_in_charge').notNull(),
  handlerName: text('handler_name').notNull(),
  contactPhone: text('contact_phone').notNull(),
  status: text('status').$type<'valid' | 'revoked'>().notNull(),
  revokedReason: text('revoked_reason'),
  issuedBy: uuid('issued_by').notNull(),
  issuedAt: ts('issued_at').notNull(),
});

export const hourIssuers = pgTable('hour_issuers', {
  areaCode: text('area_code').primaryKey(),
  personInCharge: text('person_in_charge').notNull(),
  handlerName: text('handler_name').notNull(),
  contactPhone: text('contact_phone').notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
