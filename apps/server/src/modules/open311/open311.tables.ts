import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

export const open311ApiKeys = pgTable('open311_api_keys', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  name: text('name').notNull(),
  keyPrefix: text('key_prefix').notNull(),
  keyHash: text('key_hash').notNull(),
  rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  revokedAt: ts('revoked_at'),
  lastUsedAt: ts('last_used_at'),
});

export const open311RateWindows = pgTable(
  'open311_rate_windows',
  {
    apiKeyId: uuid('api_key_id').notNull(),
    areaCode: text('area_code').notNull(),
    windowStart: ts('window_start').notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.windowStart] })],
);
