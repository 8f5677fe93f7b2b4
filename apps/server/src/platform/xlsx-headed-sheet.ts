// An uploaded workbook whose first sheet is a table under a heading row (the organisation register, 12345 work orders):
// the heading row is found among the first 10 rows by the headings it must hold, then each non-empty row is read by
// heading. One reader for every such import, so the limits and their error answers are the same everywhere.
import { performance } from 'node:perf_hooks';
import type { ErrorCode } from '@linli/contracts';
import { AppError } from './errors';
import { DEFAULT_XLSX_LIMITS, XlsxLimitError, type XlsxValue, readFirstSheet } from './xlsx-reader';

export interface HeadedRow<H extends string> {
  rowNumber: number;
  cells: Partial<Record<H, string>>;
}

export interface HeadedSheetFormat<H extends string> {
  headings: readonly H[];
  /** The headings whose presence marks the heading row. */
  required: readonly H[];
  /** A cell's text as the import reads it (dates, full-width folding, formula guards are the format's to decide). */
  cellText: (value: XlsxValue) => string;
  /** Longer cell texts are cut to this. */
  maxCellLength: number;
}

export interface HeadedSheetLimits {
  maxRows: number;
  timeoutMs: number;
}

/** The import's own error codes for a file it cannot read and one past its limits. */
export interface HeadedSheetErrors {
  unreadable: ErrorCode;
  tooLarge: ErrorCode;
}

class RowLimitError extends Error {}

/** Full-width ASCII (ＡＢＣ１２３) and the ideographic space, as typed by Chinese input methods, folded to plain. */
export const foldFullWidth = (text: string) =>
  text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** The rows of the sheet, or null when no heading row is found. Throws RowLimitError/XlsxLimitError past the limits. */
async function readRows<H extends string>(
  buffer: Buffer,
  format: HeadedSheetFormat<H>,
  limits: HeadedSheetLimits,
): Promise<HeadedRow<H>[] | null> {
  const columns = new Map<number, H>();
  const rows: HeadedRow<H>[] = [];
  const deadline = performance.now() + limits.timeoutMs;
  const sheet = await readFirstSheet(buffer, { ...DEFAULT_XLSX_LIMITS, deadline }, (r, cells) => {
    if (columns.size === 0) {
      if (r > 10) return 'stop';
      const found = cells
        .map((c) => [c.col, format.headings.find((h) => h === format.cellText(c.value))] as const)
        .filter((e): e is [number, H] => e[1] !== undefined);
      if (format.required.every((h) => found.some(([, f]) => f === h))) for (const [c, h] of found) columns.set(c, h);
      return;
    }
    const row: HeadedRow<H> = { rowNumber: r, cells: {} };
    for (const c of cells) {
      const heading = columns.get(c.col);
      const text = format.cellText(c.value);
      if (heading && text) row.cells[heading] = text.slice(0, format.maxCellLength);
    }
    if (Object.keys(row.cells).length === 0) return;
    if (rows.length >= limits.maxRows) throw new RowLimitError('rows');
    rows.push(row);
  });
  return sheet && columns.size > 0 ? rows : null;
}

/**
 * The data rows of an upload, or the import's AppError: `tooLarge` past the row, size or time limits, `unreadable` for
 * anything else (not a workbook, no heading row).
 */
export async function readHeadedSheet<H extends string>(
  buffer: Buffer,
  format: HeadedSheetFormat<H>,
  limits: HeadedSheetLimits,
  errors: HeadedSheetErrors,
): Promise<HeadedRow<H>[]> {
  try {
    const rows = await readRows(buffer, format, limits);
    if (!rows) throw new AppError(errors.unreadable);
    return rows;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof RowLimitError || error instanceof XlsxLimitError) throw new AppError(errors.tooLarge);
    throw new AppError(errors.unreadable, undefined, String(error));
  }
}
