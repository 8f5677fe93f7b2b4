import { randomUUID } from 'node:crypto';
import type { Role, UserDetail, UserSummary } from '@linli/contracts';
import { type Actor, codeInPrefixes, scopePrefix } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { maskPhone } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { clearThrottle, deleteUserSessions, findThrottle, prepareNewPassword, storePassword } from '../auth';
import { findAreas } from '../org';
import {
  type UserWithGrants, findUserByUsername, findUserWithGrants, insertUser, listUsers, replaceAreas, replaceRoles, updateUser,
} from './users.repository';
import { type UserTarget, allowedUserActions, assertRolesAllowed, userPolicy } from './users.policy';

const USER_FIELDS = ['username', 'displayName', 'phone', 'roles', 'areaCodes'];

export class UsersService {
  constructor(private readonly ctx: AppContext) {}

  private async isLocked(username: string): Promise<boolean> {
    const row = await findThrottle(this.ctx.db, username.toLowerCase());
    return Boolean(row?.lockedUntil && row.lockedUntil > this.ctx.clock.now());
  }

  private summary(user: UserWithGrants, locked: boolean): UserSummary {
    return {
      id: user.id, username: user.username, displayName: user.displayName, roles: user.roles as Role[],
      areaCodes: user.areaCodes, status: user.status === 'disabled' ? 'disabled' : locked ? 'locked' : 'active',
      totpEnabled: user.totpSecretEnc !== null, lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    };
  }

  private target(user: UserWithGrants, locked: boolean): UserTarget {
    return { id: user.id, areaCodes: user.areaCodes, status: user.status, locked };
  }

  /** Loads a user the actor may see, or answers 404 (audited as a denied access). */
  private async loadVisible(actor: Actor, id: string): Promise<{ user: UserWithGrants; target: UserTarget }> {
    const user = await findUserWithGrants(this.ctx.db, id);
    const locked = user ? await this.isLocked(user.username) : false;
    if (!user || !userPolicy.canRead(actor, this.target(user, locked))) throw deniedNotFound(this.ctx, actor, 'user', [id], 'user.not_found');
    return { user, target: this.target(user, locked) };
  }

  async list(actor: Actor, query: { q?: string | undefined; areaCode?: string | undefined; role?: Role | undefined; page: number; pageSize: number }) {
    if (query.areaCode && !codeInPrefixes(query.areaCode, actor.scopePrefixes)) throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { items, total } = await listUsers(this.ctx.db, {
      prefixes: actor.scopePrefixes, q: query.q, areaPrefix: query.areaCode ? scopePrefix(query.areaCode) : undefined,
      role: query.role, page: query.page, pageSize: query.pageSize,
    });
    const summaries = await Promise.all(items.map(async (u) => this.summary(u, await this.isLocked(u.username))));
    auditRead(this.ctx, actor, { action: 'user.list', objectType: 'user', objectIds: items.map((u) => u.id), fields: ['username', 'displayName', 'roles', 'areaCodes'] });
    return { items: summaries, total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<UserDetail> {
    const { user, target } = await this.loadVisible(actor, id);
    if (audit) auditRead(this.ctx, actor, { action: 'user.read', objectType: 'user', objectIds: [id], fields: USER_FIELDS });
    const phone = user.phoneEnc ? this.ctx.cipher.decrypt(user.phoneEnc) : null;
    return {
      ...this.summary(user, target.locked), phoneMasked: maskPhone(phone), createdAt: user.createdAt.toISOString(),
      passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null, expiresAt: user.expiresAt?.toISOString() ?? null,
      allowedActions: allowedUserActions(actor, target),
    };
  }

  private async assertAreas(actor: Actor, codes: string[]): Promise<void> {
    const found = await findAreas(this.ctx.db, codes);
    for (const code of codes) {
      const area = found.find((a) => a.code === code);
      if (!area || area.status !== 'active' || !codeInPrefixes(code, actor.scopePrefixes)) {
        throw new AppError('area.not_found', [{ path: 'areaCodes', message: code }]);
      }
    }
  }

  private phoneColumns(phone: string | null | undefined) {
    if (phone === undefined) return {};
    return { phoneEnc: phone ? this.ctx.cipher.encrypt(phone) : null, phoneBidx: phone ? this.ctx.cipher.blindIndex(phone) : null };
  }

  async create(actor: Actor, input: { username: string; displayName: string; phone?: string | undefined; roles: Role[]; areaCodes: string[]; password: string; expiresAt?: string | null | undefined }): Promise<UserDetail> {
    assertRolesAllowed(actor, input.roles);
    await this.assertAreas(actor, input.areaCodes);
    if (await findUserByUsername(this.ctx.db, input.username)) throw new AppError('user.username_taken', [{ path: 'username', message: input.username }]);
    const hash = await prepareNewPassword(this.ctx, this.ctx.db, { id: null, username: input.username }, input.password);
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      const now = this.ctx.clock.now();
      await insertUser(tx, {
        id, username: input.username, displayName: input.displayName, ...this.phoneColumns(input.phone), passwordHash: hash,
        passwordChangedAt: now, mustChangePassword: true, status: 'active', expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        createdAt: now, updatedAt: now,
      });
      await replaceRoles(tx, id, [...new Set(input.roles)]);
      await replaceAreas(tx, id, [...new Set(input.areaCodes)]);
      await auditInTx(this.ctx, tx, actor, { action: 'user.create', objectType: 'user', objectIds: [id], fields: [...USER_FIELDS, 'password'] });
    });
    return this.detail(actor, id, false);
  }

  async update(actor: Actor, id: string, input: { displayName?: string | undefined; phone?: string | null | undefined; areaCodes?: string[] | undefined; expiresAt?: string | null | undefined }): Promise<UserDetail> {
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
      await deleteUserSessions(tx, id);
      await auditInTx(this.ctx, tx, actor, { action: 'user.roles', objectType: 'user', objectIds: [id], fields: ['roles'], detail: `${user.roles.join(',')} → ${roles.join(',')}` });
    });
    return this.detail(actor, id, false);
  }

  async setStatus(actor: Actor, id: string, enabled: boolean): Promise<UserDetail> {
    const { user, target } = await this.loadVisible(actor, id);
    if (user.id === actor.userId) throw new AppError('user.cannot_change_self');
    if (!userPolicy.canSetStatus(actor, target)) throw new AppError('common.forbidden');
    await this.ctx.db.transaction(async (tx) => {
      await updateUser(tx, id, { status: enabled ? 'active' : 'disabled', updatedAt: this.ctx.clock.now() });
      if (!enabled) await deleteUserSessions(tx, id);
      await auditInTx(this.ctx, tx, actor, { action: enabled ? 'user.enable' : 'user.disable', objectType: 'user', objectIds: [id], fields: ['status'] });
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

  async resetPassword(actor: Actor, id: string, newPassword: string): Promise<UserDetail> {
    const { user, target } = await this.loadVisible(actor, id);
    if (!userPolicy.canResetPassword(actor, target)) throw new AppError('common.forbidden');
    const hash = await prepareNewPassword(this.ctx, this.ctx.db, { id, username: user.username }, newPassword);
    await this.ctx.db.transaction(async (tx) => {
      await storePassword(this.ctx, tx, id, hash, { mustChange: true });
      await auditInTx(this.ctx, tx, actor, { action: 'user.reset_password', objectType: 'user', objectIds: [id], fields: ['password'] });
    });
    return this.detail(actor, id, false);
  }

  async endSessions(actor: Actor, id: string): Promise<void> {
    const { target } = await this.loadVisible(actor, id);
    if (!userPolicy.canEndSessions(actor, target)) throw new AppError('common.forbidden');
    await this.ctx.db.transaction(async (tx) => {
      const ended = await deleteUserSessions(tx, id);
      await auditInTx(this.ctx, tx, actor, { action: 'user.end_sessions', objectType: 'user', objectIds: [id], detail: `${ended} sessions` });
    });
  }
}
