import { z } from 'zod';
import { FieldParamValues } from '../common';

/** The .xlsx ledger: its columns, import options and report. */

/**
 * 兜底服务对象台账 columns, in export order: literal Chinese headings (never translated), which the server reads by
 * name in any order and the web app lists on the import page.
 */
export const LEDGER_HEADINGS = [
  '姓名',
  '性别',
  '身份证号',
  '出生日期',
  '联系电话',
  '所属社区',
  '网格',
  '家庭住址',
  '服务对象类别',
  '照护等级',
  '残疾类别',
  '残疾等级',
  '紧急联系人',
  '紧急联系人电话',
  '备注',
] as const;
export type LedgerHeading = (typeof LEDGER_HEADINGS)[number];
/** The column the downloadable error report adds after the uploaded cells of each rejected row. */
export const LEDGER_REASON_HEADING = '错误原因';

export const LedgerImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false'),
  allOrNothing: z.enum(['true', 'false']).default('false'),
});
/**
 * Why a ledger row was rejected: `code` (FIELD_MESSAGES) and `params`, which the web app shows in the UI language
 * after `column`, the sheet's heading of the cell concerned (null for the row as a whole); `message` is the same
 * in the request's language, column included.
 */
export const LedgerRowReason = z.object({
  column: z.string().nullable(),
  code: z.string(),
  params: FieldParamValues.optional(),
  message: z.string(),
});
export type LedgerRowReason = z.infer<typeof LedgerRowReason>;
export const LedgerImportReport = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  /** 新建: the rows that are new clients (written when `written`, else what an import would create). */
  toCreate: z.number().int(),
  /** 已存在: the rows skipped because the client exists (and the importer may see them). */
  skippedExisting: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(LedgerRowReason) })),
  written: z.boolean(),
});
export type LedgerImportReport = z.infer<typeof LedgerImportReport>;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
