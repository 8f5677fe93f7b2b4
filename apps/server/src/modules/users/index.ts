// Public surface of the users module (accounts, credentials, lockout, staff directory): other modules import only from
// here. Table writers stay inside; changes go through the services and intent-named functions below.
import type { LinliModule } from '../../platform/module';
import { UserCredentialsService } from './user-credentials.service';
import { UsersService } from './users.service';
import { userRoutes } from './users.routes';

export { UsersService } from './users.service';
export { seedActorOf } from './seed-actor';
export { userRoutes } from './users.routes';
export {
  type UserRow,
  countUsers,
  findUserById,
  findUserByUsername,
  findUserWithGrants,
  loadGrants,
} from './users.repository';
export { createAccount, recordLogin, setAccountStatus, setSecondFactor, useTotpStep } from './accounts.service';
export { ONE_TIME_PASSWORD_DAYS, issueOneTimePassword, prepareNewPassword, storePassword } from './credentials.service';
export { checkPasswordPolicy, passwordExpired } from './password-policy';
export { dummyPasswordHash, hashPassword, verifyPassword } from './password-hash';
export {
  LOCK_MINUTES,
  MAX_FAILURES,
  bumpFailures,
  clearThrottle,
  countFailure,
  findThrottle,
  lockThrottle,
} from './lockout.repository';
export { revokeSessions } from './users.events';
export { usersHoldingPermissionOver, usersWithRolesOver } from './holders.repository';
/** Read-only joins for staff names (e.g. who asked for an export); never written outside this module. */
export { users } from './users.tables';

export const usersModule: LinliModule = {
  name: 'users',
  register: async (app, ctx) => {
    const users = new UsersService(ctx);
    return app.register(userRoutes(users, new UserCredentialsService(ctx, users)));
  },
};
