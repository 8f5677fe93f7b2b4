import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie token: a leaked table does not yield usable cookies. */
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: ts('created_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  idleSeconds: integer('idle_seconds').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  currentAreaCode: text('current_area_code'),
});

export const authChallenges = pgTable('auth_challenges', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').$type<'totp' | 'totp_setup' | 'password_change'>().notNull(),
  data: jsonb('data').$type<Record<string, unknown> | null>(),
  expiresAt: ts('expires_at').notNull(),
  createdAt: ts('created_at').notNull(),
});
