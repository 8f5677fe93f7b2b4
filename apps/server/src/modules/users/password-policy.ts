import type { FieldCode, FieldParams } from '@linli/contracts';
import { COMMON_PASSWORDS } from './common-passwords';

export type PasswordProfile = 'mlps' | 'asvs';

export interface PasswordRules {
  minLength: number;
  minClasses: number;
  expiryDays: number | null;
  historySize: number;
}

/** security.md decision 1: MLPS by default; ASVS as a setting. */
export const PASSWORD_RULES: Record<PasswordProfile, PasswordRules> = {
  mlps: { minLength: 8, minClasses: 3, expiryDays: 90, historySize: 5 },
  asvs: { minLength: 12, minClasses: 0, expiryDays: null, historySize: 0 },
};

export const MAX_PASSWORD_LENGTH = 256;

function characterClasses(password: string): number {
  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^a-zA-Z0-9]/.test(password)) classes++;
  return classes;
}

export interface PasswordProblem {
  code: FieldCode;
  params?: FieldParams;
}

/** Returns the reasons a new password breaks the policy, as field codes (empty when it is acceptable). */
export function checkPasswordPolicy(password: string, profile: PasswordProfile, username?: string): PasswordProblem[] {
  const rules = PASSWORD_RULES[profile];
  const problems: PasswordProblem[] = [];
  // Length counts code points, so a password of CJK characters is measured as people see it.
  const length = [...password].length;
  if (length < rules.minLength) problems.push({ code: 'auth.password_min_length', params: { n: rules.minLength } });
  if (length > MAX_PASSWORD_LENGTH)
    problems.push({ code: 'auth.password_max_length', params: { n: MAX_PASSWORD_LENGTH } });
  if (characterClasses(password) < rules.minClasses) {
    problems.push({ code: 'auth.password_classes', params: { n: rules.minClasses } });
  }
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[^a-z0-9]/g, ''))) {
    problems.push({ code: 'auth.password_common' });
  }
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    problems.push({ code: 'auth.password_has_username' });
  }
  return problems;
}

export function passwordExpired(changedAt: Date | null, profile: PasswordProfile, now: Date): boolean {
  const days = PASSWORD_RULES[profile].expiryDays;
  if (days === null || changedAt === null) return false;
  return now.getTime() - changedAt.getTime() > days * 86_400_000;
}
