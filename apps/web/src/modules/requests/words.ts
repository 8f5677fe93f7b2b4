import { useI18n } from '../../i18n';

/** This module's words in both UI languages (kept with the module, so adding it edits no shared catalogue). */
const WORDS = {
  zh: { title: '全部诉求', create: '新建', itemTitle: '标题', area: '区域', createdAt: '创建时间', none: '暂无内容' },
  en: {
    title: 'All requests',
    create: 'New',
    itemTitle: 'Title',
    area: 'Area',
    createdAt: 'Created',
    none: 'Nothing yet',
  },
} as const;

export const MENU_LABEL = { zh: WORDS.zh.title, en: WORDS.en.title };
/** The workflow's other menu entries (分拣, 单位工单, 代录诉求). */
export const TRIAGE_LABEL = { zh: '诉求分拣', en: 'Request triage' };
export const QUEUE_LABEL = { zh: '单位工单', en: 'Unit queue' };
export const INTAKE_LABEL = { zh: '代录诉求', en: 'Enter a request' };

export function useRequestsWords() {
  const { lang } = useI18n();
  return WORDS[lang === 'en' ? 'en' : 'zh'];
}
