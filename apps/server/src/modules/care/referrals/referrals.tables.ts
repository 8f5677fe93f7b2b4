import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const referrals = pgTable('referrals', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  caseId: uuid('case_id'),
  areaCode: text('area_code').notNull(),
  providerName: text('provider_name').notNull(),
  providerType: text('provider_type').$type<'social_org' | 'partner_unit' | 'expert' | 'government'>().notNull(),
  service: text('service').notNull(),
  status: text('status').$type<'sent' | 'accepted' | 'declined' | 'done' | 'withdrawn'>().notNull(),
  consentId: uuid('consent_id'),
  sentBy: uuid('sent_by'),
  sentAt: ts('sent_at').notNull(),
  respondedAt: ts('responded_at'),
  responseNote: text('response_note'),
  reportBack: text('report_back'),
  doneAt: ts('done_at'),
  followUpVisitId: uuid('follow_up_visit_id'),
  version: integer('version').notNull(),
  /** The organisation of the partner register it is addressed to (migration 0016); null for "其他". */
  organisationId: uuid('organisation_id'),
});

/**
 * Read-only views of the partner register (the organisations module's tables, migration 0015): a referral's provider
 * is checked against them when it is sent. Nothing here writes them.
 */
export const registerOrganisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  status: text('status').notNull(),
});
export const registerServiceAreas = pgTable('organisation_service_areas', {
  organisationId: uuid('organisation_id').notNull(),
  areaCode: text('area_code').notNull(),
});
