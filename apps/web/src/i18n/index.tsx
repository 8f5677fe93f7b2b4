import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ERRORS, type ErrorCode, type FieldParams, type Role, fieldMessage, labelledMessage } from '@linli/contracts';
import { ApiError, setApiLanguage } from '../lib/api-client';
import { interpolate } from '../lib/format';
import { networkErrorZh, rolesZh, unknownErrorZh, zhCN, type MessageKey, type Messages } from './zh-CN';
import { en, networkErrorEn, rolesEn, unknownErrorEn } from './en';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };

/** Only the language choice is kept in web storage: never personal data (security.md R-25). */
const STORAGE_KEY = 'linli.lang';

interface Catalogue {
  messages: Messages;
  roles: Record<Role, string>;
  /** Which language of the shared error catalogue this UI language reads. */
  errorLang: 'zh' | 'en';
  unknownError: string;
  networkError: string;
}

const catalogues: Record<Lang, Catalogue> = {
  'zh-CN': {
    messages: zhCN,
    roles: rolesZh,
    errorLang: 'zh',
    unknownError: unknownErrorZh,
    networkError: networkErrorZh,
  },
  en: { messages: en, roles: rolesEn, errorLang: 'en', unknownError: unknownErrorEn, networkError: networkErrorEn },
};

function readStoredLang(): Lang {
  try {
    const stored = window.sessionStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  setApiLanguage(lang);
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  roleName: (role: string) => string;
  /** Localized message for an error: the code's catalogue entry, else a generic message. */
  errorMessage: (error: unknown) => string;
  errorCodeMessage: (code: string) => string;
  /**
   * The words for a field code (packages/contracts/src/field-messages.ts, shared with the server) in the UI language,
   * with its params; null for a code the catalogue does not have.
   */
  fieldText: (code: string, params?: FieldParams) => string | null;
  /** A field error or ledger reason from the server in the UI language: its code's words, else its `message`. */
  fieldErrorText: (field: {
    code?: string | undefined;
    params?: FieldParams | undefined;
    message: string;
    column?: string | null;
  }) => string;
}

const I18nContext = createContext<I18n | null>(null);

const initialLang = readStoredLang();
applyLang(initialLang);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    applyLang(lang);
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be disabled (private mode); the choice then lasts for this page only.
    }
    applyLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const cat = catalogues[lang];
    const errorCodeMessage = (code: string) =>
      // Error wording comes from the one catalogue the server also answers from (packages/contracts/src/error-codes.ts).
      code === 'network'
        ? cat.networkError
        : code in ERRORS
          ? ERRORS[code as ErrorCode][cat.errorLang]
          : cat.unknownError;
    const fieldText = (code: string, params?: FieldParams) => fieldMessage(code, cat.errorLang, params);
    return {
      lang,
      setLang,
      t: (key, vars) => interpolate(cat.messages[key], vars),
      fieldText,
      fieldErrorText: (field) => {
        const text = field.code ? fieldText(field.code, field.params) : null;
        // A code this app does not know: the server's words (a ledger reason's already name its column).
        return text === null ? field.message : labelledMessage(field.column ?? null, text, cat.errorLang);
      },
      roleName: (role) => cat.roles[role as Role] ?? role,
      errorCodeMessage,
      errorMessage: (error) => (error instanceof ApiError ? errorCodeMessage(error.code) : cat.unknownError),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
