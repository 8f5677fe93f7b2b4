import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  CATEGORY_LABELS,
  type ClientCategory,
  type FieldCode,
  type FieldParams,
  type Tier,
  normaliseIdNumber,
} from '@linli/contracts';
import {
  DEFAULT_XLSX_LIMITS,
  type XlsxMerge,
  type XlsxValue,
  XlsxLimitError,
  readFirstSheet,
} from '../../../platform/xlsx-reader';

/** 兜底服务对象台账 columns, in export order. Import finds them by name in any order. */
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

function normaliseHeading(text: string): string {
  return foldWidth(text).replace(/[\s*＊:：()（）]/g, '');
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

/**
 * Spreadsheet formula injection (OWASP "CSV injection"): text starting with = + - @ (or their full-width forms),
 * tab or carriage return becomes a live formula once the cell is edited or the sheet is saved as CSV. Exports
 * write such text behind a leading apostrophe; imports take one such guard off again.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
export function stripFormulaGuard(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** Caps for reading an uploaded ledger (security finding F2); configured by LINLI_LEDGER_* (config.ts). */
export interface LedgerReadLimits {
  /** Most non-empty data rows below the heading row. */
  maxRows: number;
  /** Wall-clock budget for reading the file. */
  timeoutMs: number;
  /** Most characters kept across all cells (a bound on memory). */
  maxTextChars?: number;
}

export const DEFAULT_LEDGER_LIMITS: LedgerReadLimits = { maxRows: 100_000, timeoutMs: 60_000 };
const DEFAULT_MAX_TEXT_CHARS = 40_000_000;

/** The ledger is over a cap: too many rows, too large when unpacked, or too slow to read; `reason` says which. */
export class LedgerLimitError extends Error {
  constructor(
    readonly limit: 'rows' | 'size' | 'time',
    readonly reason: { code: FieldCode; params?: FieldParams },
  ) {
    super(reason.code);
  }
}

function cellText(value: XlsxValue, heading: LedgerHeading, problems: LedgerReason[]): string {
  switch (value.kind) {
    case 'date':
      return value.date.toISOString().slice(0, 10);
    case 'number':
      if (heading === '出生日期' && value.value > 1000 && value.value < 80_000) return excelSerialToDate(value.value);
      if (heading === '身份证号' && value.value > 2 ** 53) {
        problems.push({ column: heading, code: 'care.ledger_id_as_number' });
        return '';
      }
      return String(value.value);
    case 'boolean':
      return String(value.value);
    case 'string':
      return stripFormulaGuard(foldWidth(value.text).trim()).trim();
  }
}

function headingText(value: XlsxValue): string {
  return value.kind === 'string' ? value.text : value.kind === 'date' ? value.date.toISOString() : String(value.value);
}

/**
 * Reads the first worksheet of an uploaded ledger with the streaming reader (platform/xlsx-reader.ts; not
 * ExcelJS, whose in-memory reader has no bound on memory and whose streaming reader garbles Chinese text at chunk
 * boundaries, exceljs#2063). Finds the heading row among the first 20 rows (title rows and blank rows above it
 * are skipped), maps columns by heading name, and returns the non-empty data rows below it, with merged cells
 * taking their first cell's value as in Excel. Throws LedgerLimitError past a cap, stopping as soon as it is
 * passed; any other error means the file is not a readable workbook.
 */
export async function readLedger(
  buffer: Buffer,
  limits: LedgerReadLimits = DEFAULT_LEDGER_LIMITS,
): Promise<{ rows: LedgerRow[]; missingHeadings: string[] }> {
  const maxText = limits.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;
  let headingRow = 0;
  const columns = new Map<number, LedgerHeading>();
  const rows: LedgerRow[] = [];
  let textChars = 0;
  const tooManyRows = () =>
    new LedgerLimitError('rows', { code: 'care.ledger_rows_over', params: { max: limits.maxRows } });
  let sheet;
  try {
    sheet = await readFirstSheet(
      buffer,
      { ...DEFAULT_XLSX_LIMITS, deadline: performance.now() + limits.timeoutMs },
      (r, cells) => {
        if (headingRow === 0) {
          if (r > 20) return 'stop';
          const found = new Map<LedgerHeading, number>();
          for (const { col, value } of cells) {
            const text = normaliseHeading(headingText(value));
            const heading = LEDGER_HEADINGS.find((h) => h === text);
            if (heading) found.set(heading, col);
          }
          if (found.has('姓名') && found.size >= 3) {
            headingRow = r;
            for (const [heading, col] of found) columns.set(col, heading);
          }
          return;
        }
        const row: LedgerRow = { rowNumber: r, cells: {}, cellProblems: [] };
        for (const { col, value } of cells) {
          const heading = columns.get(col);
          if (!heading) continue;
          const text = cellText(value, heading, row.cellProblems);
          if (!text) continue;
          row.cells[heading] = heading === '身份证号' ? normaliseIdNumber(text) : text;
          textChars += text.length;
        }
        if (Object.keys(row.cells).length === 0 && row.cellProblems.length === 0) return;
        if (rows.length >= limits.maxRows) throw tooManyRows();
        if (textChars > maxText)
          throw new LedgerLimitError('size', { code: 'care.ledger_text_over', params: { max: maxText } });
        rows.push(row);
      },
    );
  } catch (error) {
    if (error instanceof XlsxLimitError) {
      throw new LedgerLimitError(
        error.limit,
        error.limit === 'time'
          ? { code: 'care.ledger_read_too_slow' }
          : { code: 'care.ledger_unpacks_too_large', params: { detail: error.message } },
      );
    }
    throw error;
  }
  if (!sheet || headingRow === 0) return { rows: [], missingHeadings: ['姓名'] };
  if (sheet.merges.length === 0) return { rows, missingHeadings: [] };
  return {
    rows: applyMerges(rows, sheet.merges, headingRow, columns, limits.maxRows, tooManyRows),
    missingHeadings: [],
  };
}

/**
 * Excel shows a merged range's first cell in all its cells (a community merged down a block of rows is common in
 * ledgers), and ExcelJS's reader gave every cell of the range that value; so does this. Ranges starting at or
 * above the heading row are left alone.
 */
function applyMerges(
  rows: LedgerRow[],
  merges: XlsxMerge[],
  headingRow: number,
  columns: Map<number, LedgerHeading>,
  maxRows: number,
  tooManyRows: () => Error,
): LedgerRow[] {
  const byNumber = new Map(rows.map((r) => [r.rowNumber, r]));
  let visited = 0;
  for (const m of merges) {
    if (m.top <= headingRow) continue;
    const masterHeading = columns.get(m.left);
    if (!masterHeading) continue;
    const value = byNumber.get(m.top)?.cells[masterHeading];
    for (let col = m.left; col <= m.right; col++) {
      const heading = columns.get(col);
      if (!heading) continue;
      visited += m.bottom - m.top + 1;
      if (visited > maxRows * LEDGER_HEADINGS.length) throw tooManyRows();
      for (let r = m.top; r <= m.bottom; r++) {
        if (r === m.top && col === m.left) continue;
        let row = byNumber.get(r);
        if (!row && value === undefined) continue;
        if (!row) {
          if (byNumber.size >= maxRows) throw tooManyRows();
          row = { rowNumber: r, cells: {}, cellProblems: [] };
          byNumber.set(r, row);
        }
        if (value === undefined) delete row.cells[heading];
        else row.cells[heading] = heading === '身份证号' ? normaliseIdNumber(value) : value;
      }
    }
  }
  return [...byNumber.values()]
    .filter((r) => Object.keys(r.cells).length > 0 || r.cellProblems.length > 0)
    .sort((a, b) => a.rowNumber - b.rowNumber);
}

export interface LedgerExportRow {
  cells: Record<LedgerHeading, string>;
}

/**
 * Writes a ledger workbook (`watermark` in a title row above the headings and in the header/footer) with ExcelJS's
 * streaming writer: rows are committed as they come, so memory holds the compressed output, not a model of every
 * cell. `fill` calls `add` for each row (it may fetch in batches).
 */
export async function writeLedgerStreaming(
  fill: (add: (row: LedgerExportRow) => void) => Promise<void>,
  title: string,
  watermark: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Linli 邻里';
  const sheet = workbook.addWorksheet('服务对象台账', {
    headerFooter: { oddHeader: `&L${watermark}`, oddFooter: `&L${watermark}&R&P / &N` },
  });
  // Text format keeps ID and phone numbers exact when the file is edited and imported again.
  sheet.columns = LEDGER_HEADINGS.map((h) => ({
    width: h === '家庭住址' ? 30 : h === '身份证号' ? 22 : 12,
    style: { numFmt: '@' },
  }));
  const titleRow = sheet.addRow([`${title}（${watermark}）`]);
  titleRow.font = { bold: true };
  sheet.mergeCells(1, 1, 1, LEDGER_HEADINGS.length);
  titleRow.commit();
  const header = sheet.addRow([...LEDGER_HEADINGS]);
  header.font = { bold: true };
  header.commit();
  // Every cell is text; text that a spreadsheet would take for a formula is written behind an apostrophe.
  await fill((row) => sheet.addRow(LEDGER_HEADINGS.map((h) => guardFormula(row.cells[h] ?? ''))).commit());
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** A ledger workbook from rows already in memory (tests, the benchmark's import file). */
export function writeLedger(rows: LedgerExportRow[], title: string, watermark: string): Promise<Buffer> {
  return writeLedgerStreaming(
    async (add) => {
      for (const row of rows) add(row);
    },
    title,
    watermark,
  );
}
