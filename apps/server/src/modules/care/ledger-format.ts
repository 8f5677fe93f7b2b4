import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { CATEGORY_LABELS, type ClientCategory, type Tier, normaliseIdNumber } from '@linli/contracts';

/** 兜底服务对象台账 columns, in export order. Import finds them by name in any order. */
export const LEDGER_HEADINGS = [
  '姓名', '性别', '身份证号', '出生日期', '联系电话', '所属社区', '网格', '家庭住址', '服务对象类别', '照护等级',
  '残疾类别', '残疾等级', '紧急联系人', '紧急联系人电话', '备注',
] as const;
export type LedgerHeading = (typeof LEDGER_HEADINGS)[number];

export const TIER_BY_LABEL: Record<string, Tier> = { 红: 'red', 红色: 'red', 黄: 'yellow', 黄色: 'yellow', 蓝: 'blue', 蓝色: 'blue' };
export const CATEGORY_BY_LABEL: Record<string, ClientCategory> = Object.fromEntries(
  Object.entries(CATEGORY_LABELS).map(([key, label]) => [label, key as ClientCategory]),
);
Object.assign(CATEGORY_BY_LABEL, { 空巢老人: 'elderly_alone', 独居: 'elderly_alone', 低保户: 'dibao', 特困人员: 'tekun', 残疾: 'disability', 留守儿童: 'left_behind', 留守老人: 'left_behind' });

/** Full-width ASCII (digits, letters, punctuation) to half-width; ideographic space to space. */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function normaliseHeading(text: string): string {
  return foldWidth(text).replace(/[\s*＊:：()（）]/g, '');
}

export interface LedgerRow {
  /** 1-based row number in the sheet, as the user sees it in Excel. */
  rowNumber: number;
  cells: Partial<Record<LedgerHeading, string>>;
  /** Problems found while reading cells (e.g. an ID number stored as a number). */
  cellProblems: string[];
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

function cellText(cell: ExcelJS.Cell, heading: LedgerHeading, problems: string[]): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (heading === '出生日期' && value > 1000 && value < 80_000) return excelSerialToDate(value);
    if (heading === '身份证号' && value > 2 ** 53) {
      problems.push('身份证号被存为数字，后几位已丢失，请把该列设为文本后重新填写');
      return '';
    }
    return Number.isInteger(value) ? String(value) : String(value);
  }
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return foldWidth(String(value)).trim();
}

/**
 * Reads the first worksheet into memory. (ExcelJS's streaming WorkbookReader would use far less memory on large
 * files, but it splits multi-byte characters at chunk boundaries and turns some Chinese text into U+FFFD, exceljs
 * issue #2063; ledger.test.ts guards against that.) Finds the heading row among the first 20 rows (title rows and
 * blank rows above it are skipped), maps columns by heading name, and returns the non-empty data rows below it.
 */
export async function readLedger(buffer: Buffer): Promise<{ rows: LedgerRow[]; missingHeadings: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], missingHeadings: ['姓名'] };
  let headingRow = 0;
  const columns = new Map<LedgerHeading, number>();
  for (let r = 1; r <= Math.min(20, sheet.rowCount) && headingRow === 0; r++) {
    const found = new Map<LedgerHeading, number>();
    sheet.getRow(r).eachCell((cell, col) => {
      const text = normaliseHeading(String(cell.text ?? ''));
      const heading = LEDGER_HEADINGS.find((h) => h === text);
      if (heading) found.set(heading, col);
    });
    if (found.has('姓名') && found.size >= 3) {
      headingRow = r;
      for (const [k, v] of found) columns.set(k, v);
    }
  }
  if (headingRow === 0) return { rows: [], missingHeadings: ['姓名'] };
  const rows: LedgerRow[] = [];
  for (let r = headingRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: LedgerRow['cells'] = {};
    const problems: string[] = [];
    for (const [heading, col] of columns) {
      const text = cellText(row.getCell(col), heading, problems);
      if (text) cells[heading] = heading === '身份证号' ? normaliseIdNumber(text) : text;
    }
    if (Object.keys(cells).length === 0 && problems.length === 0) continue;
    rows.push({ rowNumber: r, cells, cellProblems: problems });
  }
  return { rows, missingHeadings: [] };
}

export interface LedgerExportRow {
  cells: Record<LedgerHeading, string>;
}

/**
 * Writes a ledger workbook (`watermark` in a title row above the headings and in the header/footer) with ExcelJS's
 * streaming writer: rows are committed as they come, so memory holds the compressed output, not a model of every
 * cell. `fill` calls `add` for each row (it may fetch in batches).
 */
export async function writeLedgerStreaming(fill: (add: (row: LedgerExportRow) => void) => Promise<void>, title: string, watermark: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => { sink.on('end', resolve); sink.on('error', reject); });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Linli 邻里';
  const sheet = workbook.addWorksheet('服务对象台账', {
    headerFooter: { oddHeader: `&L${watermark}`, oddFooter: `&L${watermark}&R&P / &N` },
  });
  // Text format keeps ID and phone numbers exact when the file is edited and imported again.
  sheet.columns = LEDGER_HEADINGS.map((h) => ({ width: h === '家庭住址' ? 30 : h === '身份证号' ? 22 : 12, style: { numFmt: '@' } }));
  const titleRow = sheet.addRow([`${title}（${watermark}）`]);
  titleRow.font = { bold: true };
  sheet.mergeCells(1, 1, 1, LEDGER_HEADINGS.length);
  titleRow.commit();
  const header = sheet.addRow([...LEDGER_HEADINGS]);
  header.font = { bold: true };
  header.commit();
  await fill((row) => sheet.addRow(LEDGER_HEADINGS.map((h) => row.cells[h])).commit());
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** A ledger workbook from rows already in memory (tests, the benchmark's import file). */
export function writeLedger(rows: LedgerExportRow[], title: string, watermark: string): Promise<Buffer> {
  return writeLedgerStreaming(async (add) => { for (const row of rows) add(row); }, title, watermark);
}
