import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** Photos uploaded and not yet attached to anything (migration 0020, in the places module's folder). */
export const mediaUploads = pgTable('media_uploads', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  ownerUserId: uuid('owner_user_id').notNull(),
  storageKey: text('storage_key').notNull(),
  contentType: text('content_type').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: ts('created_at').notNull(),
  claimedAt: ts('claimed_at'),
});
