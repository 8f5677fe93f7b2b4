import { randomUUID } from 'node:crypto';
import type { Role, UserDetail } from '@linli/contracts';
import { type Actor, codeInPrefixes, scopePrefix } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { transactionRetried } from '../../platform/transaction-retry';
import { maskPhone } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { hashPassword } from './password-hash';
import { findThrottle } from './lockout.repository';
import { userSummary, userTarget } from './user-view';
import { tellAccount } from './account-notice';
import { revokeSessions } from './users.events';
import { randomToken } from '../../platform/crypto';
import { findAreas } from '../org';
import {
  type UserWithGrants,
  findUserByUsername,
  findUserWithGrants,
  insertUser,
  listUsers,
  lockAccountWrites,
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

/**
 * Account administration: the directory (list, detail), accounts created pending, edits, roles, enabling and
 * disabling. Activation and credentials (one-time passwords, second-factor resets, unlocking, ending sessions) are
 * UserCredentialsService (user-credentials.service.ts).
 */
export class UsersService {
  constructor(private readonly ctx: AppContext) {}

  private async isLocked(username: string): Promise<boolean> {
    const row = await findThrottle(this.ctx.db, username.toLowerCase());
    return Boolean(row?.lockedUntil && row.lockedUntil > this.ctx.clock.now());
  }

  /** Loads a user the actor may see, or answers 404 (audited as a denied access). */
  async loadVisible(actor: Actor, id: string): Promise<{ user: UserWithGrants; target: UserTarget }> {
    const user = await findUserWithGrants(this.ctx.db, id);
    const locked = user ? await this.isLocked(user.username) : false;
    if (!user || !userPolicy.canRead(actor, userTarget(user, locked)))
      throw deniedNotFound(this.ctx, actor, 'user', [id], 'user.not_found');
    return { user, target: userTarget(user, locked) };
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
    const summaries = await Promise.all(items.map(async (u) => userSummary(u, await this.isLocked(u.username))));
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
      ...userSummary(user, target.locked),
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
    await transactionRetried(this.ctx.db, async (tx) => {
      await lockAccountWrites(tx);
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
    await transactionRetried(this.ctx.db, async (tx) => {
      if (input.areaCodes) await lockAccountWrites(tx);
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
    await transactionRetried(this.ctx.db, async (tx) => {
      await lockAccountWrites(tx);
      await replaceRoles(tx, id, [...new Set(roles)]);
      // New grants take effect at the next login: old sessions carried the old role's idle timeout.
      await revokeSessions(this.ctx, tx, id, 'roles changed');
      await tellAccount(this.ctx, tx, id, 'roles');
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
      await tellAccount(this.ctx, tx, id, enabled ? 'enabled' : 'disabled');
      await auditInTx(this.ctx, tx, actor, {
        action: enabled ? 'user.enable' : 'user.disable',
        objectType: 'user',
        objectIds: [id],
        fields: ['status'],
      });
    });
    return this.detail(actor, id, false);
  }
}
