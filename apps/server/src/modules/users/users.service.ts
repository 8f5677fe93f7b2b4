import { randomUUID } from 'node:crypto';
import type { Role, UserDetail, UserSummary } from '@linli/contracts';
import { type Actor, codeInPrefixes, scopePrefix } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { maskPhone } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { hashPassword } from './password-hash';
import { issueOneTimePassword } from './credentials.service';
import { clearThrottle, findThrottle } from './lockout.repository';
import { revokeSessions } from './users.events';
import { randomToken } from '../../platform/crypto';
import { findAreas } from '../org';
import {
  type UserWithGrants,
  activatePendingUser,
  findUserByUsername,
  findUserWithGrants,
  insertUser,
  listUsers,
  replaceAreas,
  replaceRoles,
  updateUser,
} from './users.repository';
import {
  type UserTarget,
  allowedUserActions,
  assertRolesAllowed,
  isAdminAccount,
  totpResetPending,
  userPolicy,
} from './users.policy';

const USER_FIELDS = ['username', 'displayName', 'phone', 'roles', 'areaCodes'];

export class UsersService {
  constructor(private readonly ctx: AppContext) {}

  private async isLocked(username: string): Promise<boolean> {
    const row = await findThrottle(this.ctx.db, username.toLowerCase());
    return Boolean(row?.lockedUntil && row.lockedUntil > this.ctx.clock.now());
  }

  private summary(user: UserWithGrants, locked: boolean): UserSummary {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles as Role[],
      areaCodes: user.areaCodes,
      status: user.status === 'active' && locked ? 'locked' : user.status,
      totpEnabled: user.totpSecretEnc !== null,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    };
  }

  private target(user: UserWithGrants, locked: boolean): UserTarget {
    return {
      id: user.id,
      roles: user.roles,
      areaCodes: user.areaCodes,
      status: user.status,
      locked,
      totpEnabled: user.totpSecretEnc !== null,
      totpResetRequestedBy: user.totpResetRequestedBy,
      totpResetRequestedAt: user.totpResetRequestedAt,
    };
  }

  /** Loads a user the actor may see, or answers 404 (audited as a denied access). */
  private async loadVisible(actor: Actor, id: string): Promise<{ user: UserWithGrants; target: UserTarget }> {
    const user = await findUserWithGrants(this.ctx.db, id);
    const locked = user ? await this.isLocked(user.username) : false;
    if (!user || !userPolicy.canRead(actor, this.target(user, locked)))
      throw deniedNotFound(this.ctx, actor, 'user', [id], 'user.not_found');
    return { user, target: this.target(user, locked) };
  }

  async list(
    actor: Actor,
    query: {
      q?: string | undefined;
      areaCode?: string | undefined;
      role?: Role | undefined;
      status?: 'pending' | 'active' | 'disabled' | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    if (query.areaCode && !codeInPrefixes(query.areaCode, actor.scopePrefixes))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { items, total } = await listUsers(this.ctx.db, {
      prefixes: actor.scopePrefixes,
      q: query.q,
      areaPrefix: query.areaCode ? scopePrefix(query.areaCode) : undefined,
      role: query.role,
      status: query.status,
      page: query.page,
      pageSize: query.pageSize,
    });
    const summaries = await Promise.all(items.map(async (u) => this.summary(u, await this.isLocked(u.username))));
    auditRead(this.ctx, actor, {
      action: 'user.list',
      objectType: 'user',
      objectIds: items.map((u) => u.id),
      fields: ['username', 'displayName', 'roles', 'areaCodes'],
    });
    return { items: summaries, total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<UserDetail> {
    const { user, target } = await this.loadVisible(actor, id);
    if (audit)
      auditRead(this.ctx, actor, { action: 'user.read', objectType: 'user', objectIds: [id], fields: USER_FIELDS });
    const phone = user.phoneEnc ? this.ctx.cipher.decrypt(user.phoneEnc) : null;
    return {
      ...this.summary(user, target.locked),
      phoneMasked: maskPhone(phone),
      createdAt: user.createdAt.toISOString(),
      passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null,
      expiresAt: user.expiresAt?.toISOString() ?? null,
      totpResetPending: totpResetPending(target, this.ctx.clock.now()),
      allowedActions: allowedUserActions(actor, target, this.ctx.clock.now()),
    };
  }

  private async assertAreas(actor: Actor, codes: string[]): Promise<void> {
    const found = await findAreas(this.ctx.db, codes);
    for (const code of codes) {
      const area = found.find((a) => a.code === code);
      if (!area || area.status !== 'active' || !codeInPrefixes(code, actor.scopePrefixes)) {
        throw new AppError('area.not_found', [{ path: 'areaCodes', code: 'area.unknown', params: { code } }]);
      }
    }
  }

  private phoneColumns(phone: string | null | undefined) {
    if (phone === undefined) return {};
    return {
      phoneEnc: phone ? this.ctx.cipher.encrypt(phone) : null,
      phoneBidx: phone ? this.ctx.cipher.blindIndex(phone) : null,
    };
  }

  /**
   * Creates an account in the `pending` state with no usable password (F6): whoever creates accounts must not know
   * their passwords. A supervisor holding the account's areas (the security administrator, for administrator
   * accounts) activates it and receives a one-time password to hand over.
   */
  async create(
    actor: Actor,
    input: {
      username: string;
      displayName: string;
      phone?: string | undefined;
      roles: Role[];
      areaCodes: string[];
      expiresAt?: string | null | undefined;
    },
  ): Promise<UserDetail> {
    assertRolesAllowed(actor, input.roles);
    await this.assertAreas(actor, input.areaCodes);
    if (await findUserByUsername(this.ctx.db, input.username))
      throw new AppError('user.username_taken', [
        { path: 'username', code: 'user.username_exists', params: { username: input.username } },
      ]);
    // An unusable hash: no password verifies against a random secret nobody ever sees.
    const hash = await hashPassword(randomToken(32));
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      const now = this.ctx.clock.now();
      await insertUser(tx, {
        id,
        username: input.username,
        displayName: input.displayName,
        ...this.phoneColumns(input.phone),
        passwordHash: hash,
        passwordChangedAt: null,
        mustChangePassword: true,
        status: 'pending',
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        createdAt: now,
        updatedAt: now,
      });
      await replaceRoles(tx, id, [...new Set(input.roles)]);
      await replaceAreas(tx, id, [...new Set(input.areaCodes)]);
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.create',
        objectType: 'user',
        objectIds: [id],
        fields: USER_FIELDS,
        detail: 'pending activation',
      });
    });
    return this.detail(actor, id, false);
  }

  /** Activates a pending account and issues its one-time first password (shown once, to the activating supervisor). */
  async activate(actor: Actor, id: string): Promise<{ user: UserDetail; oneTimePassword: string }> {
    const { user, target } = await this.loadVisible(actor, id);
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
    return { user: await this.detail(actor, id, false), oneTimePassword };
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

  async update(
    actor: Actor,
    id: string,
    input: {
      displayName?: string | undefined;
      phone?: string | null | undefined;
      areaCodes?: string[] | undefined;
      expiresAt?: string | null | undefined;
    },
  ): Promise<UserDetail> {
    const { target } = await this.loadVisible(actor, id);
    if (!userPolicy.canUpdate(actor, target)) throw new AppError('common.forbidden');
    if (input.areaCodes) await this.assertAreas(actor, input.areaCodes);
    const fields = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
    await this.ctx.db.transaction(async (tx) => {
      await updateUser(tx, id, {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...this.phoneColumns(input.phone),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt ? new Date(input.expiresAt) : null } : {}),
        updatedAt: this.ctx.clock.now(),
      });
      if (input.areaCodes) await replaceAreas(tx, id, [...new Set(input.areaCodes)]);
      await auditInTx(this.ctx, tx, actor, { action: 'user.update', objectType: 'user', objectIds: [id], fields });
    });
    return this.detail(actor, id, false);
  }

  async setRoles(actor: Actor, id: string, roles: Role[]): Promise<UserDetail> {
    const { user, target } = await this.loadVisible(actor, id);
    if (user.id === actor.userId) throw new AppError('user.cannot_change_self');
    if (!userPolicy.canAssignRoles(actor, target)) throw new AppError('common.forbidden');
    assertRolesAllowed(actor, roles);
    await this.ctx.db.transaction(async (tx) => {
      await replaceRoles(tx, id, [...new Set(roles)]);
      // New grants take effect at the next login: old sessions carried the old role's idle timeout.
      await revokeSessions(this.ctx, tx, id, 'roles changed');
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.roles',
        objectType: 'user',
        objectIds: [id],
        fields: ['roles'],
        detail: `${user.roles.join(',')} → ${roles.join(',')}`,
      });
    });
    return this.detail(actor, id, false);
  }

  async setStatus(actor: Actor, id: string, enabled: boolean): Promise<UserDetail> {
    const { user, target } = await this.loadVisible(actor, id);
    if (user.id === actor.userId) throw new AppError('user.cannot_change_self');
    if (!userPolicy.canSetStatus(actor, target)) {
      await this.ctx.db.transaction((tx) =>
        auditInTx(this.ctx, tx, actor, {
          action: enabled ? 'user.enable' : 'user.disable',
          objectType: 'user',
          objectIds: [id],
          result: 'denied',
        }),
      );
      if (user.status === 'pending') throw new AppError('user.invalid_state');
      throw isAdminAccount(target) && !actor.permissions.has('user.admin_credentials')
        ? new AppError('user.admin_target')
        : new AppError('common.forbidden');
    }
    await this.ctx.db.transaction(async (tx) => {
      await updateUser(tx, id, { status: enabled ? 'active' : 'disabled', updatedAt: this.ctx.clock.now() });
      if (!enabled) await revokeSessions(this.ctx, tx, id, 'account disabled');
      await auditInTx(this.ctx, tx, actor, {
        action: enabled ? 'user.enable' : 'user.disable',
        objectType: 'user',
        objectIds: [id],
        fields: ['status'],
      });
    });
    return this.detail(actor, id, false);
  }

  async unlock(actor: Actor, id: string): Promise<UserDetail> {
    const { user, target } = await this.loadVisible(actor, id);
    if (!userPolicy.canUnlock(actor, target)) throw new AppError('common.forbidden');
    await this.ctx.db.transaction(async (tx) => {
      await clearThrottle(tx, user.username.toLowerCase());
      await auditInTx(this.ctx, tx, actor, { action: 'user.unlock', objectType: 'user', objectIds: [id] });
    });
    return this.detail(actor, id, false);
  }

  /**
   * Issues a new one-time password (F6). Administrator accounts: the security administrator only; business accounts:
   * a supervisor holding all the account's areas. The system administrator cannot, so it can never log in as anyone.
   */
  async resetPassword(actor: Actor, id: string): Promise<{ user: UserDetail; oneTimePassword: string }> {
    const { user, target } = await this.loadVisible(actor, id);
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
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.reset_password',
        objectType: 'user',
        objectIds: [id],
        fields: ['password'],
        detail: 'one-time password issued',
      });
      return password;
    });
    return { user: await this.detail(actor, id, false), oneTimePassword };
  }

  /** First half of a second-factor reset: the security administrator asks; another administrator must confirm. */
  async requestTotpReset(actor: Actor, id: string): Promise<UserDetail> {
    const { target } = await this.loadVisible(actor, id);
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
    return this.detail(actor, id, false);
  }

  /** Second half: a different administrator confirms; the second factor is removed and enrolled again at next login. */
  async confirmTotpReset(actor: Actor, id: string): Promise<UserDetail> {
    const { target } = await this.loadVisible(actor, id);
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
    return this.detail(actor, id, false);
  }

  async endSessions(actor: Actor, id: string): Promise<void> {
    const { target } = await this.loadVisible(actor, id);
    if (!userPolicy.canEndSessions(actor, target)) throw new AppError('common.forbidden');
    await this.ctx.db.transaction(async (tx) => {
      await revokeSessions(this.ctx, tx, id, 'ended by an administrator');
      await auditInTx(this.ctx, tx, actor, { action: 'user.end_sessions', objectType: 'user', objectIds: [id] });
    });
  }
}
