import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

export const open311Items = pgTable('open311_items', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  title: text('title').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});
