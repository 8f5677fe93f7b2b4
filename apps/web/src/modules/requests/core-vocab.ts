/** The requests workflow's vocabularies: codes from the API → words, Chinese first (core-words.ts says them). */
export type Pair = { zh: string; en: string };

/** The workflow's vocabularies (codes from the API → words), Chinese first. */
export const STATUS_WORDS: Record<string, Pair> = {
  submitted: { zh: '待分拣', en: 'To triage' },
  assigned: { zh: '待签收', en: 'To sign for' },
  in_progress: { zh: '处理中', en: 'In progress' },
  resolved: { zh: '已办结', en: 'Resolved' },
  closed: { zh: '已评价', en: 'Closed' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  merged: { zh: '已合并', en: 'Merged' },
};
export const URGENCY_WORDS: Record<string, Pair> = {
  urgent: { zh: '紧急', en: 'Urgent' },
  normal: { zh: '一般', en: 'Normal' },
};
export const CHANNEL_WORDS: Record<string, Pair> = {
  resident_app: { zh: '居民端', en: 'Resident app' },
  walk_in: { zh: '来访', en: 'Walk-in' },
  phone: { zh: '来电', en: 'Phone' },
  visit: { zh: '走访', en: 'Home visit' },
  hotline_12345: { zh: '12345热线', en: '12345 hotline' },
  open311: { zh: 'Open311', en: 'Open311' },
};
export const RATING_WORDS: Record<string, Pair> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Fairly satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  unrated: { zh: '未评价', en: 'Not rated' },
};
export const UNIT_KIND_WORDS: Record<string, Pair> = {
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  street_department: { zh: '街道科室', en: 'Street department' },
  organisation: { zh: '合作单位', en: 'Partner organisation' },
};
export const EVENT_WORDS: Record<string, Pair> = {
  submitted: { zh: '提交诉求', en: 'Filed' },
  created: { zh: '提交诉求', en: 'Filed' },
  intake: { zh: '提交诉求', en: 'Filed' },
  triaged: { zh: '分拣', en: 'Triaged' },
  recategorised: { zh: '更正类别', en: 'Category corrected' },
  urgency_changed: { zh: '调整紧急程度', en: 'Urgency changed' },
  routed: { zh: '派单', en: 'Routed' },
  assigned: { zh: '派单', en: 'Routed' },
  signed: { zh: '签收', en: 'Signed for' },
  transferred: { zh: '转办', en: 'Transferred' },
  note: { zh: '处理记录', en: 'Handling note' },
  noted: { zh: '处理记录', en: 'Handling note' },
  resolved: { zh: '办结回复', en: 'Resolved' },
  rated: { zh: '居民评价', en: 'Rated' },
  reopened: { zh: '重新办理', en: 'Reopened' },
  escalated: { zh: '上报街道', en: 'Escalated' },
  reminded: { zh: '到期提醒', en: 'Reminder' },
  rejected: { zh: '驳回', en: 'Rejected' },
  merged: { zh: '合并', en: 'Merged' },
  merged_in: { zh: '并入重复诉求', en: 'Duplicate merged in' },
  closed: { zh: '结案', en: 'Closed' },
  public_text: { zh: '公开内容', en: 'Public text' },
};
export const PLACE_KIND_WORDS: Record<string, Pair> = {
  building: { zh: '楼栋', en: 'Building' },
  gate: { zh: '大门', en: 'Gate' },
  square: { zh: '广场', en: 'Square' },
  hall: { zh: '活动中心', en: 'Hall' },
  shop: { zh: '商铺', en: 'Shop' },
  other: { zh: '其他', en: 'Other' },
};
