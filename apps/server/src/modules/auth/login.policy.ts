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
