import { z } from 'zod';
import { FieldParamValues } from '../common';

/** The .xlsx ledger: import options and report. */

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
  skippedExisting: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(LedgerRowReason) })),
  written: z.boolean(),
});
export type LedgerImportReport = z.infer<typeof LedgerImportReport>;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
