import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { TimeSlicer } from './time-slice';

// What every .xlsx the server writes row by row shares (the client ledger, the request ledger, the 12345 import's
// template and error report): the formula guard and ExcelJS's streaming writer (never its reader: uploads go through
// platform/xlsx-reader.ts).

/**
 * Spreadsheet formula injection (OWASP "CSV injection", F13): text starting with = + - @ (or their full-width forms),
 * tab or carriage return becomes a live formula once the cell is edited or the sheet is saved as CSV. Exports write
 * such text behind a leading apostrophe; imports take one such guard off again.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
export const guardFormula = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
export const unguardFormula = (text: string) =>
  text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;

/**
 * The style of every data cell, one object for all of them: ExcelJS knows a style object it has seen (a WeakMap) and
 * renders any other one to XML to find its index, which for the fresh copy each cell got from its column was a third
 * of a 20,000-row client ledger's export time (15 cells a row). Frozen: it is shared.
 */
const TEXT_CELL_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: '@' });

export interface SheetSpec {
  sheetName: string;
  headings: readonly string[];
  widths?: Partial<Record<string, number>>;
  /** A title row above the headings and the header/footer text (the export's watermark). */
  title?: string;
  watermark?: string;
}

/**
 * Adds one row. It returns a promise when the writer's time slice is used up (platform/time-slice.ts): a caller
 * writing many rows awaits it, so other requests get their turn while a large sheet is written.
 */
export type AddRow = (cells: string[]) => Promise<void> | undefined;

/**
 * A one-sheet workbook written with the streaming writer: rows are committed as `fill` adds them, so memory holds
 * the compressed output, not a model of every cell. Every cell is text (codes, numbers and times stay exact when
 * the file is edited and imported again) and guarded against formula injection.
 */
export async function writeSheet(spec: SheetSpec, fill: (add: AddRow) => Promise<void>) {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Linli 邻里';
  const sheet = workbook.addWorksheet(
    spec.sheetName,
    spec.watermark
      ? { headerFooter: { oddHeader: `&L${spec.watermark}`, oddFooter: `&L${spec.watermark}&R&P / &N` } }
      : {},
  );
  sheet.columns = spec.headings.map((h) => ({ width: spec.widths?.[h] ?? 14, style: { numFmt: '@' } }));
  if (spec.title) {
    const titleRow = sheet.addRow([spec.title]);
    titleRow.font = { bold: true };
    sheet.mergeCells(1, 1, 1, spec.headings.length);
    titleRow.commit();
  }
  const header = sheet.addRow([...spec.headings]);
  header.font = { bold: true };
  header.commit();
  const slicer = new TimeSlicer();
  await fill((cells) => {
    const row = sheet.addRow(cells.map(guardFormula));
    row.eachCell((cell) => {
      cell.style = TEXT_CELL_STYLE;
    });
    row.commit();
    return slicer.due ? slicer.pause() : undefined;
  });
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
