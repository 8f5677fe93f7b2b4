import type { UserDetail } from '@linli/contracts';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { tellAccount } from './account-notice';
import { issueOneTimePassword } from './credentials.service';
import { clearThrottle } from './lockout.repository';
import { revokeSessions } from './users.events';
import { activatePendingUser, updateUser } from './users.repository';
import { type UserTarget, isAdminAccount, totpResetPending, userPolicy } from './users.policy';
import type { UsersService } from './users.service';

/**
 * What an administrator does to an account's credentials (F6): activation with a one-time first password, password
 * resets, unlocking, the two-administrator second-factor reset, ending sessions. Who may is decided by the policy
 * per account (administrator or business account, and its areas), not by one route permission.
 */
export class UserCredentialsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly users: UsersService,
  ) {}

  /** Activates a pending account and issues its one-time first password (shown once, to the activating supervisor). */
  async activate(actor: Actor, id: string): Promise<{ user: UserDetail; oneTimePassword: string }> {
    const { user, target } = await this.users.loadVisible(actor, id);
    if (!userPolicy.canActivate(actor, target)) throw this.refusal(actor, target, user.status !== 'pending');
    const oneTimePassword = await this.ctx.db.transaction(async (tx) => {
      const claimed = await activatePendingUser(tx, id, this.ctx.clock.now());
      if (!claimed) throw new AppError('user.invalid_state');
      const password = await issueOneTimePassword(this.ctx, tx, id);
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.activate',
        objectType: 'user',
        objectIds: [id],
        fields: ['status', 'password'],
        detail: 'one-time password issued',
      });
      return password;
    });
    return { user: await this.users.detail(actor, id, false), oneTimePassword };
  }

  /** Why an action on an account is refused: administrator accounts name the security administrator's duty. */
  private refusal(actor: Actor, target: UserTarget, wrongState: boolean): AppError {
    if (wrongState) return new AppError('user.invalid_state');
    if (target.id === actor.userId) return new AppError('user.cannot_change_self');
    if (isAdminAccount(target) && !actor.permissions.has('user.admin_credentials'))
      return new AppError('user.admin_target');
    if (actor.permissions.has('user.activate') || actor.permissions.has('user.admin_credentials'))
      return new AppError('common.approver_scope');
    return new AppError('common.forbidden');
  }

  async unlock(actor: Actor, id: string): Promise<UserDetail> {
    const { user, target } = await this.users.loadVisible(actor, id);
    if (!userPolicy.canUnlock(actor, target)) throw new AppError('common.forbidden');
    await this.ctx.db.transaction(async (tx) => {
      await clearThrottle(tx, user.username.toLowerCase());
      await auditInTx(this.ctx, tx, actor, { action: 'user.unlock', objectType: 'user', objectIds: [id] });
    });
    return this.users.detail(actor, id, false);
  }

  /**
   * Issues a new one-time password (F6). Administrator accounts: the security administrator only; business accounts:
   * a supervisor holding all the account's areas. The system administrator cannot, so it can never log in as anyone.
   */
  async resetPassword(actor: Actor, id: string): Promise<{ user: UserDetail; oneTimePassword: string }> {
    const { user, target } = await this.users.loadVisible(actor, id);
    if (!userPolicy.canResetPassword(actor, target)) {
      await this.ctx.db.transaction((tx) =>
        auditInTx(this.ctx, tx, actor, {
          action: 'user.reset_password',
          objectType: 'user',
          objectIds: [id],
          result: 'denied',
        }),
      );
      throw this.refusal(actor, target, user.status !== 'active');
    }
    const oneTimePassword = await this.ctx.db.transaction(async (tx) => {
      const password = await issueOneTimePassword(this.ctx, tx, id);
      await tellAccount(this.ctx, tx, id, 'password_reset');
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.reset_password',
        objectType: 'user',
        objectIds: [id],
        fields: ['password'],
        detail: 'one-time password issued',
      });
      return password;
    });
    return { user: await this.users.detail(actor, id, false), oneTimePassword };
  }

  /** First half of a second-factor reset: the security administrator asks; another administrator must confirm. */
  async requestTotpReset(actor: Actor, id: string): Promise<UserDetail> {
    const { target } = await this.users.loadVisible(actor, id);
    const now = this.ctx.clock.now();
    if (!userPolicy.canRequestTotpReset(actor, target, now))
      throw this.refusal(actor, target, !target.totpEnabled || totpResetPending(target, now));
    await this.ctx.db.transaction(async (tx) => {
      await updateUser(tx, id, { totpResetRequestedBy: actor.userId, totpResetRequestedAt: now, updatedAt: now });
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.totp_reset_request',
        objectType: 'user',
        objectIds: [id],
        fields: ['totpSecret'],
      });
    });
    return this.users.detail(actor, id, false);
  }

  /** Second half: a different administrator confirms; the second factor is removed and enrolled again at next login. */
  async confirmTotpReset(actor: Actor, id: string): Promise<UserDetail> {
    const { target } = await this.users.loadVisible(actor, id);
    const now = this.ctx.clock.now();
    if (!userPolicy.canConfirmTotpReset(actor, target, now)) {
      await this.ctx.db.transaction((tx) =>
        auditInTx(this.ctx, tx, actor, {
          action: 'user.totp_reset_confirm',
          objectType: 'user',
          objectIds: [id],
          result: 'denied',
        }),
      );
      throw totpResetPending(target, now) &&
        (target.totpResetRequestedBy === actor.userId || target.id === actor.userId)
        ? new AppError('user.second_admin_required')
        : this.refusal(actor, target, !totpResetPending(target, now));
    }
    await this.ctx.db.transaction(async (tx) => {
      await updateUser(tx, id, {
        totpSecretEnc: null,
        totpPendingEnc: null,
        totpLastStep: null,
        totpResetRequestedBy: null,
        totpResetRequestedAt: null,
        updatedAt: now,
      });
      await revokeSessions(this.ctx, tx, id, 'second factor reset');
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.totp_reset_confirm',
        objectType: 'user',
        objectIds: [id],
        fields: ['totpSecret'],
        detail: `requested by ${target.totpResetRequestedBy}`,
      });
    });
    return this.users.detail(actor, id, false);
  }

  async endSessions(actor: Actor, id: string): Promise<void> {
    const { target } = await this.users.loadVisible(actor, id);
    if (!userPolicy.canEndSessions(actor, target)) throw new AppError('common.forbidden');
    await this.ctx.db.transaction(async (tx) => {
      await revokeSessions(this.ctx, tx, id, 'ended by an administrator');
      await auditInTx(this.ctx, tx, actor, { action: 'user.end_sessions', objectType: 'user', objectIds: [id] });
    });
  }
}
