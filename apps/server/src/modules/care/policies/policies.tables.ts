import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tierPolicies = pgTable('tier_policies', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  version: integer('version').notNull(),
  rules: jsonb('rules').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});
