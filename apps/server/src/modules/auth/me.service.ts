import { type Role, type SessionInfo, permissionsForRoles } from '@linli/contracts';
import { type Actor, codeInPrefixes, scopePrefix } from '../../platform/access';
import { type AppContext, auditEvent, auditInTx, auditNow } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { findArea, findAreas } from '../org';
import {
  LOCK_MINUTES,
  MAX_FAILURES,
  bumpFailures,
  clearThrottle,
  findUserById,
  lockThrottle,
  prepareNewPassword,
  setSecondFactor,
  storePassword,
  verifyPassword,
} from '../users';
import { deleteSession, deleteUserSessions, listUserSessions, setSessionArea } from './sessions.repository';
import { sha256 } from '../../platform/crypto';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp';

export class MeService {
  constructor(private readonly ctx: AppContext) {}

  async sessionInfo(
    actor: Actor,
    meta: { csrfToken: string; expiresAt: Date; idleSeconds: number; totpEnabled: boolean },
  ): Promise<SessionInfo> {
    const areas = await findAreas(this.ctx.db, actor.areaCodes);
    return {
      user: { id: actor.userId, username: actor.username, displayName: actor.displayName },
      roles: actor.roles,
      permissions: permissionsForRoles(actor.roles as Role[]),
      areas: areas.map((a) => ({ code: a.code, name: a.name, level: a.level })),
      currentAreaCode: actor.currentAreaCode,
      csrfToken: meta.csrfToken,
      idleTimeoutSeconds: meta.idleSeconds,
      expiresAt: meta.expiresAt.toISOString(),
      demoMode: this.ctx.config.demoMode,
      totpEnabled: meta.totpEnabled,
    };
  }

  /** The area switcher: narrows every query to one area inside the held jurisdiction (null = all of it). */
  async setCurrentArea(actor: Actor, areaCode: string | null): Promise<Actor> {
    if (areaCode !== null) {
      const area = await findArea(this.ctx.db, areaCode);
      if (!area || !codeInPrefixes(areaCode, actor.areaCodes.map(scopePrefix))) throw new AppError('area.not_found');
    }
    await setSessionArea(this.ctx.db, actor.sessionId, areaCode);
    return {
      ...actor,
      currentAreaCode: areaCode,
      scopePrefixes: areaCode ? [scopePrefix(areaCode)] : actor.areaCodes.map(scopePrefix),
    };
  }

  /**
   * Changes the password after checking the current one. Wrong guesses count against the same lockout as logins (F10):
   * a stolen session cannot be used to guess the password; at the limit the account locks and every session ends.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const key = actor.username.toLowerCase();
    const now = this.ctx.clock.now();
    // The attempt is counted before the password is checked, so concurrent guesses cannot get more than MAX_FAILURES
    // answers between them; a right answer clears the count again.
    const attempt = await bumpFailures(this.ctx.db, key, now);
    if (attempt.locked || attempt.failures > MAX_FAILURES) throw new AppError('auth.account_locked');
    const user = await findUserById(this.ctx.db, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      const locks = attempt.failures >= MAX_FAILURES;
      await this.ctx.db.transaction(async (tx) => {
        if (locks) {
          await lockThrottle(tx, key, now, new Date(now.getTime() + LOCK_MINUTES * 60_000));
          await deleteUserSessions(tx, actor.userId);
        }
        await auditInTx(this.ctx, tx, actor, {
          action: 'auth.password_change',
          objectType: 'user',
          objectIds: [actor.userId],
          result: 'failure',
          detail: locks ? 'wrong current password; locked, sessions ended' : 'wrong current password',
        });
      });
      if (locks) throw new AppError('auth.account_locked');
      throw new AppError('auth.password_wrong', [{ path: 'currentPassword', code: 'auth.current_password_wrong' }]);
    }
    await clearThrottle(this.ctx.db, key);
    const hash = await prepareNewPassword(this.ctx, this.ctx.db, { id: user.id, username: user.username }, newPassword);
    await this.ctx.db.transaction(async (tx) => {
      await storePassword(this.ctx, tx, user.id, hash, { mustChange: false });
      await auditInTx(this.ctx, tx, actor, {
        action: 'auth.password_change',
        objectType: 'user',
        objectIds: [user.id],
        fields: ['password'],
      });
    });
  }

  async startTotpSetup(actor: Actor): Promise<{ secret: string; otpauthUri: string }> {
    const secret = generateTotpSecret();
    await this.ctx.db.transaction(async (tx) => {
      await setSecondFactor(tx, actor.userId, this.ctx.clock.now(), {
        totpPendingEnc: this.ctx.cipher.encrypt(secret),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'auth.totp_setup',
        objectType: 'user',
        objectIds: [actor.userId],
        fields: ['totpSecret'],
      });
    });
    return { secret, otpauthUri: otpauthUri(secret, actor.username) };
  }

  async confirmTotp(actor: Actor, code: string): Promise<void> {
    const user = await findUserById(this.ctx.db, actor.userId);
    const pending = user?.totpPendingEnc ? this.ctx.cipher.decrypt(user.totpPendingEnc) : null;
    const step = pending ? matchTotp(pending, code, this.ctx.clock.now(), null) : null;
    if (!user || step === null)
      throw new AppError('auth.totp_invalid', [{ path: 'code', code: 'auth.totp_code_wrong' }]);
    await this.ctx.db.transaction(async (tx) => {
      await setSecondFactor(tx, user.id, this.ctx.clock.now(), {
        totpSecretEnc: user.totpPendingEnc,
        totpPendingEnc: null,
        totpLastStep: step,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'auth.totp_enable',
        objectType: 'user',
        objectIds: [user.id],
        fields: ['totpSecret'],
      });
    });
  }

  /** Ends the session behind a cookie token (whether or not it is still valid). */
  async logout(token: string | undefined, actor: Actor | null): Promise<void> {
    if (token) await deleteSession(this.ctx.db, sha256(token));
    if (actor) await auditNow(this.ctx, auditEvent(actor, { action: 'auth.logout' }));
  }

  async sessions(actor: Actor) {
    const rows = await listUserSessions(this.ctx.db, actor.userId);
    return {
      items: rows.map((s) => ({
        id: s.id.slice(0, 12),
        current: s.id === actor.sessionId,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
      })),
    };
  }

  async endOtherSessions(actor: Actor): Promise<number> {
    return this.ctx.db.transaction(async (tx) => {
      const ended = await deleteUserSessions(tx, actor.userId, actor.sessionId);
      await auditInTx(this.ctx, tx, actor, {
        action: 'auth.end_sessions',
        objectType: 'user',
        objectIds: [actor.userId],
        detail: `${ended} sessions`,
      });
      return ended;
    });
  }
}
