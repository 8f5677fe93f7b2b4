// Contracts of the notifications module: the in-app inbox, channel preferences and the outbox of external
// deliveries (SMS, signed webhook). The server and the web import it as '@linli/contracts/modules/notifications'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import type { Role } from '../permissions';

/**
 * Every kind of notification. A module adds its own here and calls `ctx.notifier.notify(tx, { event, … })`; the web
 * names each in words.ts (title with its params).
 */
export const NOTIFICATION_EVENTS = [
  'referral.received',
  'referral.answered',
  'approval.waiting',
  'approval.decided',
  'visit.overdue_escalated',
  'account.changed',
  'notice.published',
  'wish.published',
  'wish.claimed',
  'wish.fulfilled',
  'wish.claim_expired',
  'volunteer.confirmed',
  'volunteer.rejected',
  'activity.promoted',
  'activity.cancelled',
  'hours.star_awarded',
  'hours.claim_decided',
  'request.assigned',
  'request.reminder',
  'request.escalated',
  'request.resolved',
  'request.rejected',
  'request.reopened',
  'supermarket.reservation_expired',
] as const;
export const NotificationEvent = z.enum(NOTIFICATION_EVENTS);
export type NotificationEvent = z.infer<typeof NotificationEvent>;

/** External channels; the inbox is always on and is not a choice. */
export const NOTIFICATION_CHANNELS = ['sms', 'webhook'] as const;
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const PERMISSIONS = ['notifications.read', 'notifications.outbox.manage'] as const;
export type NotificationsPermission = (typeof PERMISSIONS)[number];

const everyone = ['notifications.read'] as const;
/** Every account has an inbox; the outbox (dead letters, retry) is the system and security administrators'. */
export const ROLE_GRANTS = {
  system_admin: ['notifications.read', 'notifications.outbox.manage'],
  security_admin: ['notifications.read', 'notifications.outbox.manage'],
  audit_admin: everyone,
  district_officer: everyone,
  street_officer: everyone,
  community_supervisor: everyone,
  community_worker: everyone,
  social_worker: everyone,
  grid_worker: everyone,
  partner_member: everyone,
  resident: everyone,
} as const satisfies Record<Role, readonly NotificationsPermission[]>;

export const ERRORS = {
  'notifications.not_found': { status: 404, zh: '未找到该通知', en: 'Notification not found' },
  'notifications.delivery_not_found': { status: 404, zh: '未找到该投递记录', en: 'Delivery not found' },
  'notifications.delivery_not_dead': {
    status: 409,
    zh: '只有已失败（死信）的投递可以重试',
    en: 'Only a dead delivery can be retried',
  },
} as const;

/** Values a message shows (codes, counts, dates — never names or numbers of clients). */
export const NotificationParams = z.record(z.string(), z.union([z.string(), z.number()]));

export const NotificationItem = z.object({
  id: Id,
  event: NotificationEvent,
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** The web path the entry opens. */
  link: z.string().nullable(),
  areaCode: z.string().nullable(),
  params: NotificationParams,
  urgent: z.boolean(),
  readAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationListQuery = PageQuery.extend({ unread: z.enum(['true', 'false']).optional() });
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;
export const NotificationList = Paged(NotificationItem);
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkedRead = z.object({ marked: z.number().int() });
export type MarkedRead = z.infer<typeof MarkedRead>;

/** One event's channels for the signed-in user (the inbox is always on). */
export const NotificationPreference = z.object({
  event: NotificationEvent,
  channels: z.array(NotificationChannel).max(NOTIFICATION_CHANNELS.length),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationPreferences = z.object({
  items: z.array(NotificationPreference),
  /** Whether the account has a phone an SMS can go to, and whether a webhook is configured on this server. */
  smsAvailable: z.boolean(),
  webhookAvailable: z.boolean(),
  quietHours: z.object({ from: z.string(), to: z.string() }),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const NotificationPreferencesInput = z.object({
  items: z.array(NotificationPreference).min(1).max(NOTIFICATION_EVENTS.length),
});
export type NotificationPreferencesInput = z.infer<typeof NotificationPreferencesInput>;

/** An outbox row as the administrators see it: never the phone number or the message. */
export const DeliveryItem = z.object({
  id: Id,
  channel: NotificationChannel,
  status: DeliveryStatus,
  areaCode: z.string().nullable(),
  userId: Id.nullable(),
  event: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  sentAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type DeliveryItem = z.infer<typeof DeliveryItem>;

export const DeliveryListQuery = PageQuery.extend({ status: DeliveryStatus.optional() });
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;
export const DeliveryList = Paged(DeliveryItem);
export type DeliveryList = z.infer<typeof DeliveryList>;
