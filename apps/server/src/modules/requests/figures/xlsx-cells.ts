import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

// What the request ledger export and the 12345 import's template and error report share: the formula guard and
// ExcelJS's streaming writer (never its reader: uploads go through platform/xlsx-reader.ts).

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Text a spreadsheet would take for a formula is written behind an apostrophe (and read back without it). */
export const guardFormula = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
export const unguardFormula = (text: string) =>
  text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;

export interface SheetSpec {
  sheetName: string;
  headings: readonly string[];
  widths?: Partial<Record<string, number>>;
  /** A title row above the headings and the header/footer text (the export's watermark). */
  title?: string;
  watermark?: string;
}

/**
 * A one-sheet workbook written with the streaming writer: rows are committed as `fill` adds them, so memory holds
 * the compressed output, not a model of every cell. Every cell is text (codes, numbers and times stay exact when
 * the file is edited and imported again) and guarded against formula injection.
 */
export async function writeSheet(spec: SheetSpec, fill: (add: (cells: string[]) => void) => Promise<void>) {
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
  await fill((cells) => sheet.addRow(cells.map(guardFormula)).commit());
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
