import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';

/** Tells an account that an administrator changed it ('account.changed'), in the change's transaction. */
export function tellAccount(
  ctx: AppContext,
  tx: DbOrTx,
  userId: string,
  change: 'roles' | 'disabled' | 'enabled' | 'password_reset',
): Promise<void> {
  return ctx.notifier.notify(tx, {
    userIds: [userId],
    event: 'account.changed',
    areaCode: null,
    objectType: 'user',
    objectId: userId,
    link: '/profile',
    params: { change },
    // A disabled account or a password the owner did not ask for may be someone else's doing: tell them at once.
    urgent: change === 'disabled' || change === 'password_reset',
  });
}
