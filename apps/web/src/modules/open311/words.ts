import { useI18n } from '../../i18n';

/** This module's words in both UI languages (kept with the module, so adding it edits no shared catalogue). */
const WORDS = {
  zh: {
    title: 'Open311 接口密钥',
    create: '签发密钥',
    name: '对接系统名称',
    area: '适用区域',
    prefix: '密钥前缀',
    rate: '每分钟上限',
    createdAt: '签发时间',
    lastUsed: '最近使用',
    status: '状态',
    live: '有效',
    revoked: '已吊销',
    revoke: '吊销',
    revokeConfirm: '吊销后，使用此密钥的系统将无法再提交诉求。确定吊销？',
    none: '尚未签发密钥',
    shownOnce: '密钥只显示这一次，请立即复制并安全地交给对接方；系统只保存其摘要，无法再次查看。',
    done: '已复制，关闭',
    hint: '对接方通过 Open311 GeoReport v2 接口（/open311/v2/）提交诉求；密钥只能在所选区域内提交。',
    never: '从未使用',
  },
  en: {
    title: 'Open311 API keys',
    create: 'Issue a key',
    name: 'Partner system',
    area: 'Area',
    prefix: 'Key prefix',
    rate: 'Per minute',
    createdAt: 'Issued',
    lastUsed: 'Last used',
    status: 'Status',
    live: 'Active',
    revoked: 'Revoked',
    revoke: 'Revoke',
    revokeConfirm: 'Systems using this key will no longer be able to file requests. Revoke it?',
    none: 'No keys issued yet',
    shownOnce: 'The key is shown this once: copy it now and hand it to the partner safely. Only its digest is stored.',
    done: 'Copied, close',
    hint: 'Partners file requests through the Open311 GeoReport v2 API (/open311/v2/); a key files only within its area.',
    never: 'Never',
  },
} as const;

export const MENU_LABEL = { zh: WORDS.zh.title, en: WORDS.en.title };

export function useOpen311Words() {
  const { lang } = useI18n();
  return WORDS[lang === 'en' ? 'en' : 'zh'];
}
