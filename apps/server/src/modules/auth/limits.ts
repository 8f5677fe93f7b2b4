/** Lockout (security.md decision 4): this many wrong passwords or codes in a row lock the account for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 30;
