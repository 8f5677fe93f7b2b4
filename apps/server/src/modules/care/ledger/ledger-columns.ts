import {
  CATEGORY_LABELS,
  type ClientCategory,
  type FieldCode,
  type FieldParams,
  LEDGER_HEADINGS,
  type LedgerHeading,
  type Tier,
} from '@linli/contracts';

// The ledger's vocabulary, shared by the reader, the writer and the row checks: its columns, the labels written in
// them, and how loosely typed cells (full-width digits, dates in any spelling, formula guards) are read.

/** The columns live in the contract (the web app's import page lists them): re-exported for the ledger code. */
export { LEDGER_HEADINGS, type LedgerHeading };

export const TIER_BY_LABEL: Record<string, Tier> = {
  红: 'red',
  红色: 'red',
  黄: 'yellow',
  黄色: 'yellow',
  蓝: 'blue',
  蓝色: 'blue',
};
export const CATEGORY_BY_LABEL: Record<string, ClientCategory> = Object.fromEntries(
  Object.entries(CATEGORY_LABELS).map(([key, label]) => [label, key as ClientCategory]),
);
Object.assign(CATEGORY_BY_LABEL, {
  空巢老人: 'elderly_alone',
  独居: 'elderly_alone',
  低保户: 'dibao',
  特困人员: 'tekun',
  残疾: 'disability',
  留守儿童: 'left_behind',
  留守老人: 'left_behind',
});

/** Full-width ASCII (digits, letters, punctuation) to half-width; ideographic space to space. */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export interface LedgerRow {
  /** 1-based row number in the sheet, as the user sees it in Excel. */
  rowNumber: number;
  cells: Partial<Record<LedgerHeading, string>>;
  /** Problems found while reading cells (e.g. an ID number stored as a number). */
  cellProblems: LedgerReason[];
}

/**
 * Why a row cannot be imported: a field code (FIELD_MESSAGES) with its params, and the sheet's heading of the cell
 * concerned (null for the row as a whole). The route says it in the request's language (LedgerRowReason).
 */
export interface LedgerReason {
  column: LedgerHeading | null;
  code: FieldCode;
  params?: FieldParams;
}

/** Excel serial day (1900 date system) → YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/** Accepts 1945-03-02, 1945.3.2, 1945/3/2, 1945年3月2日, 19450302 (after width folding). */
export function parseLooseDate(text: string): string | null {
  const t = foldWidth(text).trim();
  let m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** The formula-injection guard (F13) every sheet shares. */
export { guardFormula, unguardFormula as stripFormulaGuard } from '../../../platform/xlsx-writer';
