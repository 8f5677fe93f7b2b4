import type {} from './notifications.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  DeliveryItem,
  DeliveryList,
  DeliveryListQuery,
  MarkedRead,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesInput,
  UnreadCount,
} from '@linli/contracts/modules/notifications';
import type { NotificationsService } from './notifications.service';

const tags = ['notifications'];

/** The inbox and preferences (every account, its own only) and the outbox (administrators). */
export function notificationsRoutes(service: NotificationsService): FastifyPluginAsyncZod {
  return async (app) => {
    const own = { permission: 'notifications.read' } as const;
    const outbox = { permission: 'notifications.outbox.manage' } as const;

    app.get(
      '/api/notifications',
      { schema: { tags, querystring: NotificationListQuery, response: { 200: NotificationList } }, config: own },
      (req) => service.list(req.actor!, req.query),
    );
    app.get(
      '/api/notifications/unread-count',
      { schema: { tags, response: { 200: UnreadCount } }, config: own },
      (req) => service.unreadCount(req.actor!),
    );
    app.post(
      '/api/notifications/:id/read',
      {
        schema: { tags, params: z.object({ id: Id }), response: { 200: MarkedRead } },
        config: { ...own, idParams: { id: 'notification' } },
      },
      (req) => service.markRead(req.actor!, req.params.id),
    );
    app.post('/api/notifications/read-all', { schema: { tags, response: { 200: MarkedRead } }, config: own }, (req) =>
      service.markAllRead(req.actor!),
    );
    app.get(
      '/api/notifications/preferences',
      { schema: { tags, response: { 200: NotificationPreferences } }, config: own },
      (req) => service.preferences(req.actor!),
    );
    app.put(
      '/api/notifications/preferences',
      {
        schema: { tags, body: NotificationPreferencesInput, response: { 200: NotificationPreferences } },
        config: own,
      },
      (req) => service.savePreferences(req.actor!, req.body),
    );
    app.get(
      '/api/notifications/outbox',
      { schema: { tags, querystring: DeliveryListQuery, response: { 200: DeliveryList } }, config: outbox },
      (req) => service.outbox(req.actor!, req.query),
    );
    app.post(
      '/api/notifications/outbox/:id/retry',
      {
        schema: { tags, params: z.object({ id: Id }), response: { 200: DeliveryItem } },
        config: { ...outbox, idParams: { id: 'notification_delivery' } },
      },
      (req) => service.retry(req.actor!, req.params.id),
    );
  };
}
