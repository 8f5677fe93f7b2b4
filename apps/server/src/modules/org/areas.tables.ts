import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const areas = pgTable('areas', {
  code: text('code').primaryKey(),
  parentCode: text('parent_code'),
  level: text('level').$type<'district' | 'street' | 'community' | 'grid'>().notNull(),
  name: text('name').notNull(),
  status: text('status').$type<'active' | 'merged'>().notNull().default('active'),
  mergedInto: text('merged_into'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const areaChanges = pgTable('area_changes', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  version: integer('version').notNull(),
  kind: text('kind').$type<'created' | 'renamed' | 'merged' | 'imported'>().notNull(),
  before: jsonb('before').$type<Record<string, unknown> | null>(),
  after: jsonb('after').$type<Record<string, unknown> | null>(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  at: ts('at').notNull(),
});
