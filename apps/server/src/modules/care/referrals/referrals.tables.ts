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
});
