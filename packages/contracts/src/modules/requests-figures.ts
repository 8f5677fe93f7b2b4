// Schemas of the requests module's figures part (诉求统计, the request ledger export, the 12345 work-order import);
// re-exported by ./requests.ts.
import { z } from 'zod';
import { DateOnly } from '../care/values';
import { LedgerRowReason } from '../care/ledger';
import type { ErrorSpec } from '../error-codes';
import { AreaCode } from '../org';

export const FIGURES_ERRORS = {
  'requests.figures_period': {
    status: 400,
    zh: '统计期间无效：结束日期不能早于开始日期，且最长 366 天',
    en: 'Invalid period: the end cannot be before the start, and at most 366 days',
  },
  'requests.import_unreadable': {
    status: 400,
    zh: '无法读取该 Excel 文件（需为 .xlsx，且含“工单编号”“来电时间”表头）',
    en: 'Cannot read this Excel file (.xlsx with 工单编号 and 来电时间 headings needed)',
  },
  'requests.import_too_large': {
    status: 413,
    zh: '导入文件过大：最多 5 MB、2000 行',
    en: 'The file is too large: at most 5 MB and 2,000 rows',
  },
} as const satisfies Record<string, ErrorSpec>;

/** A period of calendar days (Asia/Shanghai), both ends included; the scope narrowed to one area in jurisdiction. */
export const RequestPeriodQuery = z.object({
  from: DateOnly,
  to: DateOnly,
  areaCode: AreaCode.optional(),
});
export type RequestPeriodQuery = z.infer<typeof RequestPeriodQuery>;

export const RequestFiguresQuery = RequestPeriodQuery.extend({
  groupBy: z.enum(['unit', 'category']).default('unit'),
});
export type RequestFiguresQuery = z.infer<typeof RequestFiguresQuery>;

/**
 * One unit's or category's figures over the requests received in the period (created_at in it). Each rate is its
 * numerator ÷ its base, null when the base is 0:
 * - 受理率 acceptance = accepted (neither rejected nor merged) ÷ received;
 * - 按时签收率 = signed by sign_due_at ÷ (signed + unsigned past sign_due_at);
 * - 按时办结率 = resolved by due_at ÷ (resolved + unresolved past due_at, rejected and merged left out);
 * - 满意率 = (满意 + 基本满意) ÷ (rated + 未评价): a request closed without a rating counts against, never for;
 * - hours to resolve: median and p90 of (resolved_at − created_at) over the resolved ones (percentile_cont).
 */
export const RequestFigureRow = z.object({
  key: z.string(),
  /** unit: `community`|`grid`|`street_department`|`organisation`|`unrouted`; category: the category code. */
  kind: z.string(),
  label: z.string(),
  received: z.number().int(),
  accepted: z.number().int(),
  acceptanceRate: z.number().nullable(),
  signedOnTime: z.number().int(),
  signBase: z.number().int(),
  signOnTimeRate: z.number().nullable(),
  resolvedOnTime: z.number().int(),
  resolveBase: z.number().int(),
  resolveOnTimeRate: z.number().nullable(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  dissatisfied: z.number().int(),
  /** 未评价: closed after 7 days without a rating. */
  unrated: z.number().int(),
  satisfactionRate: z.number().nullable(),
  resolved: z.number().int(),
  medianHoursToResolve: z.number().nullable(),
  p90HoursToResolve: z.number().nullable(),
});
export type RequestFigureRow = z.infer<typeof RequestFigureRow>;

export const RequestFigures = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['unit', 'category']),
  /** Computed at this instant: what is "past due" depends on it. */
  asOf: z.string(),
  rows: z.array(RequestFigureRow),
  total: RequestFigureRow,
});
export type RequestFigures = z.infer<typeof RequestFigures>;

/**
 * 12345 热线工单 .xlsx columns, read by heading in any order (literal Chinese, never translated): 工单编号 is the
 * hotline's work-order number (kept as the request's external reference; 已存在 when the community has it already),
 * 来电时间 when the call came in (the request's received time), 诉求类别 a category name of the district's catalogue.
 */
export const HOTLINE_HEADINGS = [
  '工单编号',
  '来电时间',
  '诉求人',
  '联系电话',
  '诉求类别',
  '诉求内容',
  '所属社区',
  '地址',
  '紧急程度',
] as const;
export type HotlineHeading = (typeof HOTLINE_HEADINGS)[number];
export const HOTLINE_REQUIRED_HEADINGS = ['工单编号', '来电时间', '诉求类别', '诉求内容', '所属社区'] as const;

export const HotlineImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') });
/** The client ledger's row report: per-row reasons with field codes; all-or-nothing (one bad row writes nothing). */
export const HotlineImportReport = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  /** 新建: work orders new to their community. */
  toCreate: z.number().int(),
  /** 已存在: work orders whose 工单编号 the community already has. */
  skippedExisting: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(LedgerRowReason) })),
  written: z.boolean(),
});
export type HotlineImportReport = z.infer<typeof HotlineImportReport>;
