import type { Lang } from '../i18n';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * The part of a message written in the UI language, or null when it has none. Contract schemas and the server
 * write their own messages as '中文 / English' ('身份证号码无效（校验位或日期错误）/ invalid ID number'), some in one
 * language only; a Chinese screen never shows the English half and vice versa.
 */
export function pickLanguage(message: string, lang: Lang): string | null {
  const parts = message.split(/\s*\/\s+/);
  if (parts.length === 2 && CJK.test(parts[0]!) && !CJK.test(parts[1]!)) return (lang === 'en' ? parts[1] : parts[0])!.trim();
  const chinese = CJK.test(message);
  return chinese === (lang !== 'en') ? message : null;
}
