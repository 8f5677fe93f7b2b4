import { randomInt } from 'node:crypto';
import { AppError } from '../../platform/errors';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { addPasswordHistory, recentPasswordHashes, updateUser } from './users.repository';
import { PASSWORD_RULES, checkPasswordPolicy } from './password-policy';
import { hashPassword, verifyPassword } from './password-hash';
import { revokeSessions } from './users.events';

/** Validates a new password against the profile and history; returns its hash. Throws auth.password_* errors. */
export async function prepareNewPassword(
  ctx: AppContext,
  db: DbOrTx,
  user: { id: string | null; username: string },
  password: string,
): Promise<string> {
  const problems = checkPasswordPolicy(password, ctx.config.passwordProfile, user.username);
  if (problems.length) {
    throw new AppError(
      'auth.password_weak',
      problems.map((problem) => ({ path: 'newPassword', ...problem })),
    );
  }
  const historySize = PASSWORD_RULES[ctx.config.passwordProfile].historySize;
  if (user.id && historySize > 0) {
    for (const old of await recentPasswordHashes(db, user.id, historySize)) {
      if (await verifyPassword(old.hash, password)) {
        throw new AppError('auth.password_reused', [
          { path: 'newPassword', code: 'auth.password_recent', params: { n: historySize } },
        ]);
      }
    }
  }
  return hashPassword(password);
}

/**
 * Stores a new password hash, remembers it in the history and ends every session of the user:
 * a changed password must lock out whoever held the old one.
 */
export async function storePassword(
  ctx: AppContext,
  tx: DbOrTx,
  userId: string,
  hash: string,
  options: { mustChange: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await updateUser(tx, userId, {
    passwordHash: hash,
    passwordChangedAt: now,
    mustChangePassword: options.mustChange,
    updatedAt: now,
  });
  await addPasswordHistory(tx, userId, hash, now);
  await revokeSessions(ctx, tx, userId, 'password changed');
}

/** One-time passwords are valid this long; after it the account needs a new one (login answers as for a wrong password). */
export const ONE_TIME_PASSWORD_DAYS = 7;

const OTP_GROUPS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789'];

/**
 * A one-time password from the CSPRNG: 3 groups of 4 characters (upper, lower, digit, no look-alikes) joined by '-',
 * so it meets both profiles and can be read out to someone in person.
 */
export function generateOneTimePassword(): string {
  const group = () =>
    Array.from({ length: 4 }, () => {
      const set = OTP_GROUPS[randomInt(OTP_GROUPS.length)]!;
      return set[randomInt(set.length)]!;
    }).join('');
  for (;;) {
    const candidate = [group(), group(), group()].join('-');
    if (/[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /[0-9]/.test(candidate)) return candidate;
  }
}

/**
 * Issues a one-time password (F6): stored like any password, marked to be changed at the first login, every session
 * of the account ended. Returns the password to show once to the person who issued it.
 */
export async function issueOneTimePassword(ctx: AppContext, tx: DbOrTx, userId: string): Promise<string> {
  const password = generateOneTimePassword();
  await storePassword(ctx, tx, userId, await hashPassword(password), { mustChange: true });
  return password;
}
