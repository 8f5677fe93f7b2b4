import { randomInt, randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { type AppContext, auditEvent, auditInTx, auditNow } from '../../platform/context';
import { safeEqual } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { maskPhone } from '../../platform/masking';
import { attemptLiveCode, countCodesSince, insertCode, lockOtpKeys, retireLiveCodes, useCode } from './otp.repository';
import { findResidentByPhone } from './residents.repository';

export type OtpPurpose = 'signup' | 'reset';

/** A code lives 5 minutes (issue 10); per phone 1 a minute and 5 an hour, per IP 20 an hour. */
export const OTP_TTL_MS = 5 * 60_000;
export const OTP_LIMITS = { phonePerMinute: 1, phonePerHour: 5, ipPerHour: 20 } as const;
const HOUR_MS = 3_600_000;

/**
 * One-time codes by SMS for sign-up and password reset. Only an HMAC of each code is stored (keyed with the server's
 * blind-index key and bound to the row), each code allows 5 attempts and one use, and the limits are counted in the
 * database under an advisory lock, so every server process agrees. The answer to a request never says whether the
 * phone has an account: a sign-up code goes only to a phone without one (a phone with one gets a message saying so),
 * a reset code only to a phone with one.
 */
export class OtpService {
  constructor(private readonly ctx: AppContext) {}

  private codeHmac(id: string, code: string): string {
    return this.ctx.cipher.blindIndex(`otp:${id}:${code}`);
  }

  phoneKey(phone: string): string {
    return this.ctx.cipher.blindIndex(phone);
  }

  async request(phone: string, purpose: OtpPurpose, client: { ip: string | null; requestId: string | null }) {
    const now = this.ctx.clock.now();
    const phoneBidx = this.phoneKey(phone);
    const ipKey = this.ctx.cipher.blindIndex(`otp-ip:${client.ip ?? 'unknown'}`);
    const hasAccount = (await findResidentByPhone(this.ctx.db, phoneBidx)) !== null;
    const sendCode = purpose === 'signup' ? !hasAccount : hasAccount;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = randomUUID();
    const limited = await this.ctx.db.transaction(async (tx) => {
      await lockOtpKeys(tx, [phoneBidx, ipKey]);
      if (await this.overLimit(tx, phoneBidx, ipKey, now)) return true;
      await retireLiveCodes(tx, phoneBidx, purpose, now);
      await insertCode(tx, {
        id,
        phoneBidx,
        ipKey,
        purpose,
        codeHmac: sendCode ? this.codeHmac(id, code) : null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + OTP_TTL_MS),
      });
      if (sendCode) await this.ctx.notifier.sendSms(tx, { phone, template: 'otp', params: { code }, urgent: true });
      else if (purpose === 'signup')
        await this.ctx.notifier.sendSms(tx, { phone, template: 'otp_has_account', params: {}, urgent: true });
      await auditInTx(this.ctx, tx, null, { action: 'resident.code_request', ...client, detail: purpose });
      return false;
    });
    if (limited) {
      await auditNow(this.ctx, {
        ...auditEvent(null, { action: 'resident.code_request', ...client, detail: `${purpose}; rate limited` }),
        result: 'denied',
      });
      throw new AppError('residents.code_limited');
    }
    if (sendCode && this.ctx.config.demoMode) await this.demoEcho(phone, code, now);
  }

  private async overLimit(tx: Parameters<typeof countCodesSince>[0], phoneBidx: string, ipKey: string, now: Date) {
    const since = (ms: number) => new Date(now.getTime() - ms);
    const [minute, hour, ipHour] = [
      await countCodesSince(tx, { phoneBidx }, since(60_000)),
      await countCodesSince(tx, { phoneBidx }, since(HOUR_MS)),
      await countCodesSince(tx, { ipKey }, since(HOUR_MS)),
    ];
    return minute >= OTP_LIMITS.phonePerMinute || hour >= OTP_LIMITS.phonePerHour || ipHour >= OTP_LIMITS.ipPerHour;
  }

  /**
   * Demo mode only (no SMS gateway on a laptop): the code also goes to the server log and to demo-sms.log in the data
   * directory, where the browser test reads it. Never outside demo mode.
   */
  private async demoEcho(phone: string, code: string, now: Date) {
    this.ctx.log.warn(`[demo] one-time code for ${maskPhone(phone)}: ${code} (演示模式验证码)`);
    try {
      await appendFile(path.join(this.ctx.config.dataDir, 'demo-sms.log'), `${phone} ${code} ${now.toISOString()}\n`);
    } catch (error) {
      this.ctx.log.warn({ err: error }, 'demo-sms.log could not be written');
    }
  }

  /**
   * Checks a code and uses it up: throws residents.code_invalid when it is wrong, expired, used, superseded, or after
   * its fifth attempt (then even the right code fails).
   */
  async consume(phone: string, purpose: OtpPurpose, code: string): Promise<void> {
    const now = this.ctx.clock.now();
    const row = await attemptLiveCode(this.ctx.db, this.phoneKey(phone), purpose, now);
    const right = row?.codeHmac ? safeEqual(row.codeHmac, this.codeHmac(row.id, code)) : false;
    if (!row || !right || !(await useCode(this.ctx.db, row.id, now))) throw new AppError('residents.code_invalid');
  }
}
