import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** What only a resident's account has (the account itself is a users row with the role 'resident'). */
export const residentProfiles = pgTable('resident_profiles', {
  userId: uuid('user_id').primaryKey(),
  areaCode: text('area_code').notNull(),
  phoneBidx: text('phone_bidx').notNull(),
  consentVersion: text('consent_version').notNull(),
  consentedAt: ts('consented_at').notNull(),
  elderMode: boolean('elder_mode').notNull().default(false),
  clientId: uuid('client_id'),
  linkedAt: ts('linked_at'),
  createdAt: ts('created_at').notNull(),
});

export const otpCodes = pgTable('otp_codes', {
  id: uuid('id').primaryKey(),
  phoneBidx: text('phone_bidx').notNull(),
  ipKey: text('ip_key').notNull(),
  purpose: text('purpose').$type<'signup' | 'reset'>().notNull(),
  /** Null when no code was sent (the SMS said the number already has an account, or has none to reset). */
  codeHmac: text('code_hmac'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

export const residentLinkRequests = pgTable('resident_link_requests', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  areaCode: text('area_code').notNull(),
  status: text('status').$type<'pending' | 'confirmed' | 'rejected'>().notNull(),
  clientId: uuid('client_id'),
  reason: text('reason'),
  requestedAt: ts('requested_at').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
});

export const notices = pgTable('notices', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  status: text('status').$type<'draft' | 'published' | 'unpublished'>().notNull(),
  publishedAt: ts('published_at'),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
