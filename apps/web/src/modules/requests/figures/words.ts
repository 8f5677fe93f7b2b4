import { useI18n } from '../../../i18n';

/** The figures pages' words in both UI languages (诉求统计, 12345 工单导入). */
const WORDS = {
  zh: {
    figuresTitle: '诉求统计',
    importTitle: '12345 工单导入',
    period: '统计期间',
    byUnit: '按责任单位',
    byCategory: '按诉求类别',
    unit: '责任单位',
    category: '诉求类别',
    total: '合计',
    unrouted: '待分拣（未派单）',
    received: '受理数',
    acceptanceRate: '受理率',
    signOnTimeRate: '按时签收率',
    resolveOnTimeRate: '按时办结率',
    satisfactionRate: '满意率',
    unrated: '未评价',
    medianHours: '办结用时中位数（小时）',
    p90Hours: '办结用时 P90（小时）',
    export: '导出诉求台账',
    exportHelp: '导出期间内受理的全部诉求（诉求人姓名、电话已脱敏），导出操作会记入审计日志。',
    chartTitle: '各项比率',
    definitions:
      '受理率 = 未驳回、未合并的诉求 ÷ 受理数；按时签收率 = 期限内签收 ÷（已签收 + 逾期未签收）；按时办结率 = 期限内办结 ÷（已办结 + 逾期未办结）；满意率 =（满意 + 基本满意）÷（已评价 + 未评价），未评价不计为满意。',
    none: '该期间没有诉求',
    template: '下载导入模板',
    check: '检查',
    doImport: '导入',
    importHelp:
      '每行一张 12345 工单：工单编号、来电时间、诉求类别、诉求内容、所属社区为必填；诉求类别按本区诉求分类目录的名称或代码匹配。先“检查”，无错误后再“导入”；只要有一行出错，整个文件都不会导入。已导入过的工单编号显示为“已存在”并跳过。',
  },
  en: {
    figuresTitle: 'Request figures',
    importTitle: '12345 work-order import',
    period: 'Period',
    byUnit: 'By unit',
    byCategory: 'By category',
    unit: 'Responsible unit',
    category: 'Category',
    total: 'Total',
    unrouted: 'Awaiting triage (not routed)',
    received: 'Received',
    acceptanceRate: 'Accepted',
    signOnTimeRate: 'Signed on time',
    resolveOnTimeRate: 'Resolved on time',
    satisfactionRate: 'Satisfied',
    unrated: 'Not rated',
    medianHours: 'Median hours to resolve',
    p90Hours: 'P90 hours to resolve',
    export: 'Export request ledger',
    exportHelp: "Every request received in the period (requesters' names and phones masked); the export is audited.",
    chartTitle: 'Rates',
    definitions:
      'Accepted = neither rejected nor merged ÷ received; signed on time = signed by the deadline ÷ (signed + unsigned past it); resolved on time = resolved by the deadline ÷ (resolved + unresolved past it); satisfied = (satisfied + basically satisfied) ÷ (rated + not rated): a missing rating never counts as satisfied.',
    none: 'No requests in this period',
    template: 'Download the template',
    check: 'Check',
    doImport: 'Import',
    importHelp:
      "One 12345 work order per row: 工单编号, 来电时间, 诉求类别, 诉求内容 and 所属社区 are required; 诉求类别 is matched by name or code in the district's catalogue. Check first, then import: one row with an error and nothing is imported. Work orders already imported show as existing and are skipped.",
  },
} as const;

export const FIGURES_LABEL = { zh: WORDS.zh.figuresTitle, en: WORDS.en.figuresTitle };
export const HOTLINE_IMPORT_LABEL = { zh: WORDS.zh.importTitle, en: WORDS.en.importTitle };

export function useFiguresWords() {
  const { lang } = useI18n();
  return WORDS[lang === 'en' ? 'en' : 'zh'];
}
