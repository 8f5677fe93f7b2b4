import type { PlaceKind } from '@linli/contracts/modules/places';
import { useI18n } from '../../i18n';

/** This module's words in both UI languages (kept with the module, so adding it edits no shared catalogue). */
const WORDS = {
  zh: {
    title: '小区楼栋/地点',
    intro: '居民反映问题时从这份清单中选择楼栋或地点（不使用互联网地图）。坐标可不填，用于按位置匹配最近的楼栋。',
    community: '社区',
    create: '新增地点',
    edit: '编辑',
    editTitle: '编辑地点',
    deactivate: '停用',
    activate: '启用',
    name: '名称',
    namePlaceholder: '如：3号楼、东门、社区活动中心',
    kind: '类型',
    address: '地址',
    lat: '纬度',
    long: '经度',
    position: '平面图位置（%）',
    positionX: '横向',
    positionY: '纵向',
    status: '状态',
    active: '在用',
    inactive: '已停用',
    showInactive: '显示已停用',
    updatedAt: '更新时间',
    none: '本社区还没有登记楼栋或地点',
    noCommunity: '您的账号没有可管理的社区',
    'kind.building': '楼栋',
    'kind.gate': '出入口',
    'kind.square': '广场/空地',
    'kind.hall': '活动场所',
    'kind.shop': '商铺/网点',
    'kind.other': '其他',
  },
  en: {
    title: 'Buildings & places',
    intro:
      'Residents pick a building or place from this list when they report a problem (no internet map). Coordinates are optional; they match a reported position to the nearest building.',
    community: 'Community',
    create: 'Add place',
    edit: 'Edit',
    editTitle: 'Edit place',
    deactivate: 'Deactivate',
    activate: 'Activate',
    name: 'Name',
    namePlaceholder: 'e.g. Building 3, East gate, Community centre',
    kind: 'Kind',
    address: 'Address',
    lat: 'Latitude',
    long: 'Longitude',
    position: 'Position on the plan (%)',
    positionX: 'Across',
    positionY: 'Down',
    status: 'Status',
    active: 'In use',
    inactive: 'Deactivated',
    showInactive: 'Show deactivated',
    updatedAt: 'Updated',
    none: 'No buildings or places listed for this community yet',
    noCommunity: 'Your account manages no community',
    'kind.building': 'Building',
    'kind.gate': 'Gate',
    'kind.square': 'Square / open space',
    'kind.hall': 'Hall / activity room',
    'kind.shop': 'Shop / service point',
    'kind.other': 'Other',
  },
} as const satisfies Record<'zh' | 'en', Record<string, string>>;

export const MENU_LABEL = { zh: WORDS.zh.title, en: WORDS.en.title };

export function usePlacesWords() {
  const { lang } = useI18n();
  return WORDS[lang === 'en' ? 'en' : 'zh'];
}

export const kindKey = (kind: PlaceKind) => `kind.${kind}` as const;
