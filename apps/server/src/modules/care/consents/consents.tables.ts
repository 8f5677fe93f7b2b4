import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const consents = pgTable('consents', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  areaCode: text('area_code').notNull(),
  purpose: text('purpose').$type<'care_services' | 'referral' | 'sensitive_data' | 'disclosure'>().notNull(),
  basis: text('basis').$type<'consent' | 'statutory_duty' | 'emergency'>().notNull(),
  statute: text('statute'),
  grantedBy: text('granted_by').$type<'self' | 'guardian' | 'not_applicable'>().notNull(),
  guardianName: text('guardian_name'),
  noticeVersion: text('notice_version').notNull(),
  grantedAt: ts('granted_at').notNull(),
  revokedAt: ts('revoked_at'),
  recordedBy: uuid('recorded_by'),
});
