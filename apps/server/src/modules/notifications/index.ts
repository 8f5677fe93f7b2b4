// Public surface of the notifications module: other modules import only from here. Others tell people things through
// `ctx.notifier.notify(tx, …)` (platform/notify.ts), which this module installs.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { buildChannels } from './channels';
import { deliverDue } from './delivery';
import { NotificationsService } from './notifications.service';
import { notificationsRoutes } from './notifications.routes';
import { OutboxNotifier } from './notifier';
import { outboxStats } from './outbox.repository';

// Area merges re-code this module's rows too.
registerAreaOwned({ table: 'notifications', column: 'area_code' });
registerAreaOwned({ table: 'notification_deliveries', column: 'area_code' });

export { deliverDue } from './delivery';
export { buildChannels } from './channels';

/** Loaded by the server and the CLI because 'notifications' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'notifications',
  setup: (ctx) => {
    ctx.notifier = new OutboxNotifier(ctx);
    const channels = buildChannels(ctx.config.notifications, ctx.log);
    ctx.jobs.every({ name: 'notifications.deliver', everyMs: 1000, run: () => deliverDue(ctx, channels) });
    ctx.jobs.probe({ name: 'notifications.outbox', stats: () => outboxStats(ctx.db) });
  },
  register: async (app, ctx) =>
    app.register(notificationsRoutes(new NotificationsService(ctx, ctx.notifier as OutboxNotifier))),
};
