import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context';
import type { ModuleSamples } from '../../../test/route-samples';
import { insertDeliveries } from './outbox.repository';

/** Samples of this module's routes for the route-table tests (scope, authentication, audit, fuzz). */
const samples: ModuleSamples = {
  samples: {
    'GET /api/notifications': { query: 'unread=true' },
    'GET /api/notifications/unread-count': {},
    'POST /api/notifications/:id/read': {},
    'POST /api/notifications/read-all': {},
    'GET /api/notifications/preferences': {},
    'PUT /api/notifications/preferences': { body: () => ({ items: [{ event: 'approval.waiting', channels: [] }] }) },
    'GET /api/notifications/outbox': { query: 'status=dead' },
    'POST /api/notifications/outbox/:id/retry': {},
  },
  /**
   * A notification to the worker and a dead delivery in the community. Nothing in the API makes a notification on
   * demand, so they are written through the notifier and the outbox, as a module's change would.
   */
  async fixtures(worker, communityCode) {
    const ctx = (worker as unknown as { app: { ctx: AppContext } }).app.ctx;
    const session = (await worker.get('/api/auth/session')).json() as { user: { id: string } };
    const deliveryId = randomUUID();
    await ctx.db.transaction(async (tx) => {
      await ctx.notifier.notify(tx, {
        userIds: [session.user.id],
        event: 'approval.waiting',
        areaCode: communityCode,
        params: { kind: 'tier_change' },
      });
      await insertDeliveries(tx, [
        {
          id: deliveryId,
          areaCode: communityCode,
          userId: session.user.id,
          event: 'approval.waiting',
          channel: 'webhook',
          recipientEnc: ctx.cipher.encrypt(session.user.id),
          payloadEnc: ctx.cipher.encrypt(JSON.stringify({ kind: 'approval.waiting', params: {} })),
          status: 'dead',
          attempts: 8,
          nextAttemptAt: ctx.clock.now(),
          createdAt: ctx.clock.now(),
        },
      ]);
    });
    const list = (await worker.get('/api/notifications?pageSize=1')).json() as { items: { id: string }[] };
    return { notification: list.items[0]!.id, notification_delivery: deliveryId };
  },
};
export default samples;
