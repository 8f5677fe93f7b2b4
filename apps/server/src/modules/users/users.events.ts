import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';

declare module '../../platform/events' {
  interface LinliEvents {
    /**
     * An account's sessions must end (password changed or reset, disabled, roles changed, second factor reset, an
     * administrator ended them): the auth module, which owns sessions, ends them in the same transaction.
     */
    'user.sessions_revoked': { userId: string; reason: string; exceptSessionId?: string };
  }
}

/** Ends every session of a user (but one, if given) within the caller's transaction, through the event. */
export function revokeSessions(
  ctx: AppContext,
  tx: DbOrTx,
  userId: string,
  reason: string,
  exceptSessionId?: string,
): Promise<void> {
  return ctx.events.emit(
    tx,
    'user.sessions_revoked',
    { userId, reason, ...(exceptSessionId ? { exceptSessionId } : {}) },
    { actorId: null, areaCode: null },
  );
}
