import { randomBytes } from 'node:crypto';
import { PRIVACY_NOTICE } from '@linli/contracts/modules/residents';
import { type AppContext, auditInTx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { transactionRetried } from '../../platform/transaction-retry';
import { type LoginService, type LoginStep } from '../auth';
import {
  checkPasswordPolicy,
  clearThrottle,
  createAccount,
  findUserById,
  prepareNewPassword,
  storePassword,
} from '../users';
import { type OtpService } from './otp.service';
import { findActiveCommunity, findResidentByPhone, insertProfile, publicCommunities } from './residents.repository';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * The password policy's cheap checks, before any code is used or any hash computed (a public route must not let
 * anyone make the server hash at will). Problems name the field the /m form sends.
 */
function checkPolicy(ctx: AppContext, username: string, password: string, field: string): void {
  const problems = checkPasswordPolicy(password, ctx.config.passwordProfile, username);
  if (problems.length)
    throw new AppError(
      'auth.password_weak',
      problems.map((p) => ({ path: field, ...p })),
    );
}

/** History and hash (users module), with its problems renamed to the /m form's field. */
async function hashChecked(
  ctx: AppContext,
  user: { id: string | null; username: string },
  password: string,
  field: string,
) {
  try {
    return await prepareNewPassword(ctx, ctx.db, user, password);
  } catch (error) {
    if (error instanceof AppError && error.fields)
      throw new AppError(
        error.code,
        error.fields.map((f) => ({ ...f, path: field })),
      );
    throw error;
  }
}

/**
 * The resident's account on /m: sign-up with a code, sign-in by phone and password (the staff login's flow, lockout
 * and sessions, through the auth module, refused for any account that is not a resident's), reset by code.
 */
export class ResidentAccountService {
  constructor(
    private readonly ctx: AppContext,
    private readonly otp: OtpService,
    private readonly login: LoginService,
  ) {}

  communities() {
    return publicCommunities(this.ctx.db).then((items) => ({ items }));
  }

  async signup(
    input: {
      phone: string;
      code: string;
      displayName: string;
      password: string;
      communityCode: string;
      consentVersion: string;
    },
    client: ClientInfo,
  ): Promise<LoginStep> {
    if (input.consentVersion !== PRIVACY_NOTICE.version) throw new AppError('residents.consent_required');
    const community = await findActiveCommunity(this.ctx.db, input.communityCode);
    if (!community) {
      throw new AppError('area.not_found', [
        { path: 'communityCode', code: 'area.unknown', params: { code: input.communityCode } },
      ]);
    }
    // Not the phone: a username nobody sees, so the account's name in logs and audit says nothing about the person.
    const username = `r_${randomBytes(6).toString('hex')}`;
    checkPolicy(this.ctx, username, input.password, 'password');
    await this.otp.consume(input.phone, 'signup', input.code);
    const hash = await hashChecked(this.ctx, { id: null, username }, input.password, 'password');
    const now = this.ctx.clock.now();
    const phoneBidx = this.otp.phoneKey(input.phone);
    await transactionRetried(this.ctx.db, async (tx) => {
      // A code is only sent to a phone without an account; one made meanwhile by another request wins.
      if (await findResidentByPhone(tx, phoneBidx)) throw new AppError('residents.code_invalid');
      const id = await createAccount(tx, {
        username,
        displayName: input.displayName,
        passwordHash: hash,
        roles: ['resident'],
        areaCodes: [community.code],
        at: now,
        phone: { enc: this.ctx.cipher.encrypt(input.phone), bidx: phoneBidx },
      });
      await insertProfile(tx, {
        userId: id,
        areaCode: community.code,
        phoneBidx,
        consentVersion: PRIVACY_NOTICE.version,
        consentedAt: now,
        createdAt: now,
      });
      await auditInTx(this.ctx, tx, null, {
        action: 'resident.signup',
        actorId: id,
        actorName: username,
        role: 'resident',
        areaCodes: [community.code],
        objectType: 'user',
        objectIds: [id],
        fields: ['displayName', 'phone', 'areaCode', 'consentVersion'],
        ip: client.ip,
        requestId: client.requestId,
        detail: `privacy notice ${PRIVACY_NOTICE.version}`,
      });
    });
    return this.login.login(username, input.password, client, 'resident');
  }

  /**
   * Sign-in on /m by phone: the account is found by the phone's blind index among residents' accounts; a phone
   * without one is tried as a name no account has, so the answer, the lockout and the timing are those of a wrong
   * password.
   */
  async signIn(phone: string, password: string, client: ClientInfo): Promise<LoginStep> {
    const phoneBidx = this.otp.phoneKey(phone);
    const found = await findResidentByPhone(this.ctx.db, phoneBidx);
    return this.login.login(found?.username ?? `phone#${phoneBidx.slice(0, 16)}`, password, client, 'resident');
  }

  /** A new password by SMS code: every session ends and the lockout is lifted (the code proved the phone). */
  async resetPassword(input: { phone: string; code: string; newPassword: string }, client: ClientInfo) {
    const found = await findResidentByPhone(this.ctx.db, this.otp.phoneKey(input.phone));
    const user = found ? await findUserById(this.ctx.db, found.userId) : null;
    if (!found || !user) {
      await this.otp.consume(input.phone, 'reset', input.code); // none was sent: counts the try, then refuses
      throw new AppError('residents.code_invalid');
    }
    checkPolicy(this.ctx, user.username, input.newPassword, 'newPassword');
    await this.otp.consume(input.phone, 'reset', input.code);
    // After the code: a password used before is refused now, and a new code is needed (history checks hash).
    const hash = await hashChecked(this.ctx, user, input.newPassword, 'newPassword');
    await this.ctx.db.transaction(async (tx) => {
      await storePassword(this.ctx, tx, user.id, hash, { mustChange: false });
      await clearThrottle(tx, user.username.toLowerCase());
      await auditInTx(this.ctx, tx, null, {
        action: 'resident.password_reset',
        actorId: user.id,
        actorName: user.username,
        role: 'resident',
        objectType: 'user',
        objectIds: [user.id],
        fields: ['password'],
        ip: client.ip,
        requestId: client.requestId,
      });
    });
  }
}
