// Public surface of the auth module (login flow, sessions, second factor, the user's own settings): other modules
// import only from here. Auth builds on the users module (accounts, credentials, lockout); users never imports auth —
// it asks for sessions to end through the 'user.sessions_revoked' event, handled here.
import type { AppContext } from '../../platform/context';
import type { LinliModule } from '../../platform/module';
import { authRoutes } from './auth.routes';
import { LoginService } from './login.service';
import { MeService } from './me.service';
import { deleteUserSessions } from './sessions.repository';

export { LoginService } from './login.service';
export { MeService } from './me.service';
export { authRoutes, finish as finishLogin } from './auth.routes';
export type { LoginEntry } from './login.policy';
export type { LoginStep } from './login.service';
export { resolveSession } from './session.service';

/** Event handlers of the auth module. */
export function registerAuthHandlers(ctx: AppContext): void {
  // In the emitter's transaction: a password reset or a disabled account locks the old sessions out at commit.
  ctx.events.onInTransaction('user.sessions_revoked', async (tx, event) => {
    await deleteUserSessions(tx, event.userId, event.exceptSessionId);
  });
}

export const authModule: LinliModule = {
  name: 'auth',
  setup: registerAuthHandlers,
  register: async (app, ctx) => app.register(authRoutes(ctx, new LoginService(ctx), new MeService(ctx))),
};
