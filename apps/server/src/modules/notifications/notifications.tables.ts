import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  areaCode: text('area_code'),
  event: text('event').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  link: text('link'),
  params: jsonb('params').$type<Record<string, string | number>>().notNull(),
  urgent: boolean('urgent').notNull().default(false),
  readAt: ts('read_at'),
  createdAt: ts('created_at').notNull(),
});

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id').notNull(),
    event: text('event').notNull(),
    channels: text('channels').array().notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.event] })],
);

export const notificationDeliveries = pgTable('notification_deliveries', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code'),
  userId: uuid('user_id'),
  notificationId: uuid('notification_id'),
  event: text('event'),
  channel: text('channel').$type<'sms' | 'webhook'>().notNull(),
  recipientEnc: text('recipient_enc').notNull(),
  payloadEnc: text('payload_enc').notNull(),
  urgent: boolean('urgent').notNull().default(false),
  status: text('status').$type<'pending' | 'sending' | 'sent' | 'dead'>().notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  lastError: text('last_error'),
  lockedUntil: ts('locked_until'),
  sentAt: ts('sent_at'),
  createdAt: ts('created_at').notNull(),
});
