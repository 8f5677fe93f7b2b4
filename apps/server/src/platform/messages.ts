import { ERRORS, type ErrorCode, type Lang } from '@linli/contracts';

/** The error catalogue lives in contracts (error-codes.ts), shared with the web app; this is the server's view of it. */
export const ERROR_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = ERRORS;

export type { Lang };

export function pickLang(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'zh';
}
