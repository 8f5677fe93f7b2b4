import {
  NOTIFICATION_EVENTS,
  type DeliveryItem,
  type NotificationChannel,
  type NotificationEvent,
  type NotificationItem,
  type NotificationListQuery,
  type NotificationPreferences,
  type NotificationPreferencesInput,
} from '@linli/contracts/modules/notifications';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findUserById } from '../users';
import {
  countUnread,
  findOwn,
  listOwn,
  markRead,
  type NotificationRow,
  preferencesOf,
  upsertPreference,
} from './inbox.repository';
import type { OutboxNotifier } from './notifier';
import { type DeliveryRow, findDelivery, listDeliveries, requeueDead } from './outbox.repository';
import { QUIET_FROM_HOUR, QUIET_TO_HOUR } from './quiet-hours';

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

function toItem(row: NotificationRow): NotificationItem {
  return {
    id: row.id,
    event: row.event as NotificationEvent,
    objectType: row.objectType,
    objectId: row.objectId,
    link: row.link,
    areaCode: row.areaCode,
    params: row.params,
    urgent: row.urgent,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toDelivery(row: DeliveryRow): DeliveryItem {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    areaCode: row.areaCode,
    userId: row.userId,
    event: row.event,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The inbox (every account sees only its own), channel preferences, and the outbox for administrators. Inbox rows
 * carry codes and counts, never personal values, so reading them is not a personal-data read.
 */
export class NotificationsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly notifier: OutboxNotifier,
  ) {}

  async list(actor: Actor, query: NotificationListQuery) {
    const { rows, total } = await listOwn(this.ctx.db, actor.userId, { ...query, unread: query.unread === 'true' });
    return { items: rows.map(toItem), total, page: query.page, pageSize: query.pageSize };
  }

  async unreadCount(actor: Actor) {
    return { unread: await countUnread(this.ctx.db, actor.userId) };
  }

  /** Marks one of the actor's notifications read; another's answers as one that does not exist. */
  async markRead(actor: Actor, id: string) {
    if (!(await findOwn(this.ctx.db, actor.userId, id)))
      throw deniedNotFound(this.ctx, actor, 'notification', [id], 'notifications.not_found');
    return this.mark(actor, id);
  }

  async markAllRead(actor: Actor) {
    return this.mark(actor);
  }

  private async mark(actor: Actor, id?: string) {
    const marked = await this.ctx.db.transaction(async (tx) => {
      const ids = await markRead(tx, actor.userId, this.ctx.clock.now(), id);
      if (ids.length > 0)
        await auditInTx(this.ctx, tx, actor, {
          action: 'notification.mark_read',
          objectType: 'notification',
          objectIds: ids.length > 20 ? [] : ids,
          detail: ids.length > 20 ? `${ids.length} notifications` : null,
        });
      return ids.length;
    });
    return { marked };
  }

  async preferences(actor: Actor): Promise<NotificationPreferences> {
    const rows = await preferencesOf(this.ctx.db, [actor.userId]);
    const available = this.notifier.available();
    const user = await findUserById(this.ctx.db, actor.userId);
    return {
      items: NOTIFICATION_EVENTS.map((event) => ({
        event,
        channels: (rows.find((r) => r.event === event)?.channels ?? []) as NotificationChannel[],
      })),
      smsAvailable: available.sms && Boolean(user?.phoneEnc),
      webhookAvailable: available.webhook,
      quietHours: { from: hh(QUIET_FROM_HOUR), to: hh(QUIET_TO_HOUR) },
    };
  }

  async savePreferences(actor: Actor, input: NotificationPreferencesInput): Promise<NotificationPreferences> {
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      for (const item of input.items)
        await upsertPreference(tx, {
          userId: actor.userId,
          event: item.event,
          channels: [...new Set(item.channels)].sort(),
          updatedAt: now,
        });
      await auditInTx(this.ctx, tx, actor, {
        action: 'notification.preferences',
        objectType: 'user',
        objectIds: [actor.userId],
        fields: ['channels'],
      });
    });
    return this.preferences(actor);
  }

  async outbox(actor: Actor, query: { status?: DeliveryRow['status'] | undefined; page: number; pageSize: number }) {
    const { rows, total } = await listDeliveries(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    return { items: rows.map(toDelivery), total, page: query.page, pageSize: query.pageSize };
  }

  /** Puts a dead letter back in the queue (administrators, within their areas or for area-less deliveries). */
  async retry(actor: Actor, id: string): Promise<DeliveryItem> {
    const found = await findDelivery(this.ctx.db, id, actor.scopePrefixes);
    if (!found)
      throw deniedNotFound(this.ctx, actor, 'notification_delivery', [id], 'notifications.delivery_not_found');
    if (found.status !== 'dead') throw new AppError('notifications.delivery_not_dead');
    const row = await this.ctx.db.transaction(async (tx) => {
      const requeued = await requeueDead(tx, id, this.ctx.clock.now());
      if (!requeued) throw new AppError('notifications.delivery_not_dead');
      await auditInTx(this.ctx, tx, actor, {
        action: 'notification.delivery_retry',
        objectType: 'notification_delivery',
        objectIds: [id],
      });
      return requeued;
    });
    return toDelivery(row);
  }
}
