import { type LoginResult, type Role, isAdminRole } from '@linli/contracts';
import { auditEvent, auditInTx, auditNow } from '../../platform/context';
import type { AppContext } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { RateLimiter } from '../../platform/rate-limit';
import {
  LOCK_MINUTES,
  MAX_FAILURES,
  type UserRow,
  clearThrottle,
  countFailure,
  dummyPasswordHash,
  findThrottle,
  findUserById,
  findUserByUsername,
  loadGrants,
  passwordExpired,
  prepareNewPassword,
  setSecondFactor,
  useTotpStep,
  storePassword,
  verifyPassword,
} from '../users';
import { type LoginEntry, entryRefusal, loginRefusal } from './login.policy';
import { type ClientInfo, type OtherSession, startLoginSession } from './session.service';
import { consumeChallenge, findChallenge, insertChallenge } from './sessions.repository';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp';

const CHALLENGE_MS = 5 * 60_000;

/** What a successful step returns to the route: the cookie token to set, or the next challenge. */
export type LoginStep =
  | { kind: 'session'; token: string; userId: string; otherSessions: OtherSession[] }
  | { kind: 'challenge'; result: Exclude<LoginResult, { status: 'ok' }> };

export class LoginService {
  private readonly ipLimiter: RateLimiter;
  private readonly userLimiter: RateLimiter;

  constructor(private readonly ctx: AppContext) {
    this.ipLimiter = new RateLimiter(ctx.clock, ctx.config.loginLimitPerIp, 60_000);
    this.userLimiter = new RateLimiter(ctx.clock, ctx.config.loginLimitPerUser, 60_000);
  }

  /**
   * A login event names the account only when the typed name is one (F9): what people type into the username box is
   * sometimes their password, so an unknown name is kept as a short keyed hash (enough to see repeated attempts).
   */
  private async audit(
    typed: string,
    userId: string | null,
    client: ClientInfo,
    result: 'success' | 'failure' | 'denied',
    action: string,
    detail: string | null,
  ) {
    const account = userId ? { id: userId, username: typed } : await findUserByUsername(this.ctx.db, typed);
    const unknown = account ? '' : `unknown name #${this.ctx.cipher.blindIndex(`login-name:${typed}`).slice(0, 10)}`;
    await auditNow(this.ctx, {
      ...auditEvent(null, { action }),
      actorId: account?.id ?? null,
      actorName: account?.username ?? null,
      ip: client.ip,
      requestId: client.requestId,
      result,
      detail: [detail, unknown].filter(Boolean).join('; ') || null,
    });
  }

  async login(
    usernameInput: string,
    password: string,
    client: ClientInfo,
    entry: LoginEntry = 'staff',
  ): Promise<LoginStep> {
    const key = usernameInput.trim().toLowerCase();
    if (!this.ipLimiter.hit(client.ip ?? 'unknown') || !this.userLimiter.hit(key)) {
      await this.audit(key, null, client, 'denied', 'auth.login', 'rate limited');
      throw new AppError('auth.rate_limited');
    }
    const now = this.ctx.clock.now();
    const throttle = await findThrottle(this.ctx.db, key);
    if (throttle?.lockedUntil && throttle.lockedUntil > now) {
      await this.audit(key, null, client, 'denied', 'auth.login', 'account locked');
      throw new AppError('auth.account_locked');
    }
    const user = await findUserByUsername(this.ctx.db, key);
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const refusal = user
      ? (loginRefusal(user, now) ?? entryRefusal((await this.grants(user.id)).roles, entry))
      : 'unknown user';
    if (!user || !passwordOk || refusal) {
      const reason = !passwordOk ? (user ? 'wrong password' : 'unknown user') : refusal!;
      await this.recordFailure(key, user?.id ?? null, client, reason);
    }
    const u = user!;
    await clearThrottle(this.ctx.db, key);
    return this.afterPassword(u, client);
  }

  /** Counts a failure against the typed username and always throws the same answer (no enumeration). */
  private async recordFailure(key: string, userId: string | null, client: ClientInfo, reason: string): Promise<never> {
    const now = this.ctx.clock.now();
    const locks = await countFailure(
      this.ctx.db,
      key,
      now,
      MAX_FAILURES,
      new Date(now.getTime() + LOCK_MINUTES * 60_000),
    );
    await this.audit(key, userId, client, 'failure', 'auth.login', locks ? `${reason}; locked` : reason);
    throw new AppError(locks ? 'auth.account_locked' : 'auth.invalid_credentials');
  }

  /** After the password: forced change, then second factor for admins, then the session. */
  private async afterPassword(user: UserRow, client: ClientInfo): Promise<LoginStep> {
    const now = this.ctx.clock.now();
    if (user.mustChangePassword || passwordExpired(user.passwordChangedAt, this.ctx.config.passwordProfile, now)) {
      const challengeId = await this.challenge(user.id, 'password_change', null, client);
      return {
        kind: 'challenge',
        result: {
          status: 'password_change_required',
          challengeId,
          reason: user.mustChangePassword ? 'reset' : 'expired',
        },
      };
    }
    return this.afterPasswordChecks(user, client);
  }

  private async afterPasswordChecks(user: UserRow, client: ClientInfo): Promise<LoginStep> {
    const grants = await this.grants(user.id);
    const roles = grants.roles;
    const needsTotp = roles.some(isAdminRole) && !this.ctx.config.demoMode;
    if (needsTotp && user.totpSecretEnc) {
      const challengeId = await this.challenge(user.id, 'totp', null, client);
      return { kind: 'challenge', result: { status: 'totp_required', challengeId } };
    }
    if (needsTotp) {
      const secret = generateTotpSecret();
      const challengeId = await this.challenge(
        user.id,
        'totp_setup',
        { secret: this.ctx.cipher.encrypt(secret) },
        client,
      );
      return {
        kind: 'challenge',
        result: { status: 'totp_setup_required', challengeId, secret, otpauthUri: otpauthUri(secret, user.username) },
      };
    }
    return startLoginSession(this.ctx, user, grants, client, 'password');
  }

  private async challenge(
    userId: string,
    kind: 'totp' | 'totp_setup' | 'password_change',
    data: Record<string, unknown> | null,
    client: ClientInfo,
  ) {
    const token = randomToken(24);
    const now = this.ctx.clock.now();
    const carried = client.endOtherSessions ? { ...(data ?? {}), endOtherSessions: true } : data;
    await insertChallenge(this.ctx.db, {
      id: sha256(token),
      userId,
      kind,
      data: carried,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_MS),
    });
    return token;
  }

  private async takeChallenge(token: string, kinds: string[]) {
    const row = await findChallenge(this.ctx.db, sha256(token));
    if (!row || !kinds.includes(row.kind) || row.expiresAt <= this.ctx.clock.now())
      throw new AppError('auth.challenge_invalid');
    const user = await findUserById(this.ctx.db, row.userId);
    if (!user || loginRefusal(user, this.ctx.clock.now())) throw new AppError('auth.challenge_invalid');
    return { row, user, endOtherSessions: row.data?.endOtherSessions === true };
  }

  async completeTotp(token: string, code: string, asked: ClientInfo): Promise<LoginStep> {
    const { row, user, endOtherSessions } = await this.takeChallenge(token, ['totp', 'totp_setup']);
    const client = { ...asked, endOtherSessions: asked.endOtherSessions || endOtherSessions };
    const key = user.username.toLowerCase();
    const throttle = await findThrottle(this.ctx.db, key);
    if (throttle?.lockedUntil && throttle.lockedUntil > this.ctx.clock.now()) throw new AppError('auth.account_locked');
    const secretEnc = row.kind === 'totp_setup' ? String(row.data?.secret ?? '') : user.totpSecretEnc;
    const secret = secretEnc ? this.ctx.cipher.decrypt(secretEnc) : null;
    const lastStep = row.kind === 'totp_setup' ? null : user.totpLastStep;
    const step = secret ? matchTotp(secret, code, this.ctx.clock.now(), lastStep) : null;
    if (step === null) {
      try {
        await this.recordFailure(key, user.id, client, 'wrong one-time code');
      } catch (error) {
        if (error instanceof AppError && error.code === 'auth.invalid_credentials')
          throw new AppError('auth.totp_invalid');
        throw error;
      }
    }
    // Both claims are conditional writes, so the same code sent twice at once (two tabs, two processes) opens one
    // session: the challenge is consumed once, and a code's time step is used once.
    if (!(await consumeChallenge(this.ctx.db, row.id))) throw new AppError('auth.challenge_invalid');
    const now = this.ctx.clock.now();
    if (row.kind === 'totp_setup') {
      await setSecondFactor(this.ctx.db, user.id, now, { totpSecretEnc: secretEnc, totpLastStep: step });
    } else if (!(await useTotpStep(this.ctx.db, user.id, step!, now))) {
      throw new AppError('auth.totp_invalid');
    }
    await clearThrottle(this.ctx.db, key);
    return startLoginSession(
      this.ctx,
      user,
      await this.grants(user.id),
      client,
      row.kind === 'totp_setup' ? 'password+totp (enrolled)' : 'password+totp',
    );
  }

  async completePasswordChange(token: string, newPassword: string, asked: ClientInfo): Promise<LoginStep> {
    const { row, user, endOtherSessions } = await this.takeChallenge(token, ['password_change']);
    const client = { ...asked, endOtherSessions: asked.endOtherSessions || endOtherSessions };
    const hash = await prepareNewPassword(this.ctx, this.ctx.db, { id: user.id, username: user.username }, newPassword);
    await this.ctx.db.transaction(async (tx) => {
      if (!(await consumeChallenge(tx, row.id))) throw new AppError('auth.challenge_invalid');
      await storePassword(this.ctx, tx, user.id, hash, { mustChange: false });
      await auditInTx(this.ctx, tx, null, {
        action: 'auth.password_change',
        actorId: user.id,
        actorName: user.username,
        objectType: 'user',
        objectIds: [user.id],
        fields: ['password'],
        ip: client.ip,
        requestId: client.requestId,
        detail: 'at login',
      });
    });
    const fresh = (await findUserById(this.ctx.db, user.id))!;
    return this.afterPasswordChecks(fresh, client);
  }

  private async grants(userId: string): Promise<{ roles: Role[]; areaCodes: string[] }> {
    const found = (await loadGrants(this.ctx.db, [userId])).get(userId);
    return { roles: (found?.roles ?? []) as Role[], areaCodes: found?.areaCodes ?? [] };
  }
}
