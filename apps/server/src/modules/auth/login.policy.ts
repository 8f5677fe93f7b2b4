import type { Role } from '@linli/contracts';
import { ONE_TIME_PASSWORD_DAYS, type UserRow } from '../users';

/** A login is refused for an account not used for this many days. */
export const INACTIVITY_DAYS = 180;

/** Why an account with the right password may not log in (pending, disabled, expired, idle), or null. */
export function loginRefusal(user: UserRow, now: Date): string | null {
  if (user.status === 'pending') return 'account not yet activated';
  if (user.status !== 'active') return 'account disabled';
  if (
    user.mustChangePassword &&
    user.passwordChangedAt &&
    now.getTime() - user.passwordChangedAt.getTime() > ONE_TIME_PASSWORD_DAYS * 86_400_000
  ) {
    return 'one-time password expired';
  }
  if (user.expiresAt && user.expiresAt <= now) return 'account expired';
  const lastActive = user.lastLoginAt ?? user.createdAt;
  if (now.getTime() - lastActive.getTime() > INACTIVITY_DAYS * 86_400_000) return 'account inactive';
  return null;
}

/** Where a login comes from: the staff login page, or the residents' mobile entry /m. */
export type LoginEntry = 'staff' | 'resident';

/**
 * A resident account signs in only on /m, and only a resident account does (issue 10): the wrong entry is refused
 * with the same answer as a wrong password, so neither entry tells what kind of account a name or phone holds.
 */
export function entryRefusal(roles: readonly Role[], entry: LoginEntry): string | null {
  const resident = roles.includes('resident');
  if (entry === 'staff' && resident) return 'resident account at the staff login';
  if (entry === 'resident' && !resident) return 'not a resident account at the resident login';
  return null;
}
