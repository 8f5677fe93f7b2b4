import { useI18n } from '../../i18n';

/** This module's words in both UI languages (kept with the module, so adding it edits no shared catalogue). */
const WORDS = {
  zh: { title: "Open311（新模块）", create: '新建', itemTitle: '标题', area: '区域', createdAt: '创建时间', none: '暂无内容' },
  en: { title: "Open311", create: 'New', itemTitle: 'Title', area: 'Area', createdAt: 'Created', none: 'Nothing yet' },
} as const;

export const MENU_LABEL = { zh: WORDS.zh.title, en: WORDS.en.title };

export function useOpen311Words() {
  const { lang } = useI18n();
  return WORDS[lang === 'en' ? 'en' : 'zh'];
}
