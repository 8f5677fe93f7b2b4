import { performance } from 'node:perf_hooks';
import { type FieldCode, type FieldParams, normaliseIdNumber } from '@linli/contracts';
import {
  DEFAULT_XLSX_LIMITS,
  type SheetStreaming,
  type XlsxCell,
  type XlsxMerge,
  type XlsxRowVisitor,
  type XlsxValue,
  XlsxLimitError,
  readFirstSheet,
} from '../../../platform/xlsx-reader';
import {
  LEDGER_HEADINGS,
  type LedgerHeading,
  type LedgerReason,
  type LedgerRow,
  excelSerialToDate,
  foldWidth,
  stripFormulaGuard,
} from './ledger-columns';

// The .xlsx ledger: reading an upload (streaming, capped) is here; the vocabulary (ledger-columns.ts) and the writer
// (ledger-write.ts) are exported from here too, so callers take the whole format from one place.
export * from './ledger-columns';
export * from './ledger-write';

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
  let rows: LedgerRow[] = [];
  const { missingHeadings } = await readLedgerInBatches(
    buffer,
    limits,
    Number.POSITIVE_INFINITY,
    async (batch) => {
      rows = rows.concat(batch);
    },
    { hold: true },
  );
  return { rows, missingHeadings };
}

/**
 * Reads the ledger as readLedger does, but hands the data rows over in batches of about `batchSize` as they are
 * read, and reads no further while `onBatch` is working (so memory holds a batch, not the file's rows; the time
 * spent in `onBatch` does not count against the read's time budget). The rows are held back and handed over once
 * the sheet is read (memory then holds them all) with `hold`, and when the sheet has more <row> elements below the
 * heading row than the row cap (counted before reading), so that a file over the cap is refused before any of its
 * rows is handed over. Merged ranges come after the rows in a worksheet, so they are known only at the end:
 * `mergedDataCells` says one reaches into data rows already handed over without its value (a community merged down
 * a block of rows), and the caller discards what it did with them and reads again with `hold`, which applies them.
 */
export async function readLedgerInBatches(
  buffer: Buffer,
  limits: LedgerReadLimits,
  batchSize: number,
  onBatch: (rows: LedgerRow[]) => Promise<void>,
  options: { hold: boolean } = { hold: false },
): Promise<{ missingHeadings: string[]; mergedDataCells: boolean }> {
  const caps = capsOf(limits);
  const state: ReadState = { headingRow: 0, columns: new Map(), rows: [], kept: 0, textChars: 0 };
  let hold = options.hold;
  let rowElements = Number.POSITIVE_INFINITY;
  let rowsToHeading = 0;
  const visit = rowVisitor(state, caps);
  const onRow: XlsxRowVisitor = (r, cells) => {
    if (state.headingRow !== 0) return visit(r, cells);
    rowsToHeading += 1;
    const result = visit(r, cells);
    if (state.headingRow !== 0 && rowElements - rowsToHeading > caps.maxRows) hold = true;
    return result;
  };
  const handOver = () => {
    const rows = state.rows;
    state.rows = [];
    return onBatch(rows);
  };
  const sheet = await readSheetWithin(buffer, limits.timeoutMs, onRow, {
    ...(hold ? {} : { rowCount: (count: number) => void (rowElements = count) }),
    afterChunk: () => (!hold && state.rows.length >= batchSize ? handOver() : undefined),
  });
  if (!sheet || state.headingRow === 0) return { missingHeadings: ['姓名'], mergedDataCells: false };
  const mergedDataCells = sheet.merges.some((m) => m.top > state.headingRow && state.columns.has(m.left));
  if (!hold) {
    if (!mergedDataCells && state.rows.length) await handOver();
    return { missingHeadings: [], mergedDataCells };
  }
  const rows = sheet.merges.length
    ? applyMerges(state.rows, sheet.merges, state.headingRow, state.columns, caps.maxRows, caps.tooManyRows)
    : state.rows;
  state.rows = [];
  for (let start = 0; start < rows.length; start += batchSize) await onBatch(rows.slice(start, start + batchSize));
  return { missingHeadings: [], mergedDataCells: false };
}

interface ReadCaps {
  maxRows: number;
  maxText: number;
  tooManyRows: () => Error;
}

function capsOf(limits: LedgerReadLimits): ReadCaps {
  return {
    maxRows: limits.maxRows,
    maxText: limits.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS,
    tooManyRows: () => new LedgerLimitError('rows', { code: 'care.ledger_rows_over', params: { max: limits.maxRows } }),
  };
}

/** Rows above the heading row look for it; rows below it are kept as data rows. */
function rowVisitor(state: ReadState, caps: ReadCaps): XlsxRowVisitor {
  return (r, cells) => (state.headingRow === 0 ? findHeadings(state, r, cells) : keepDataRow(state, r, cells, caps));
}

/** What the reader has found so far: the heading row (0 until found), which column is which, the rows kept. */
interface ReadState {
  headingRow: number;
  columns: Map<number, LedgerHeading>;
  /** The data rows kept and not yet handed over. */
  rows: LedgerRow[];
  /** Every data row kept so far (handed over or not), for the row cap. */
  kept: number;
  textChars: number;
}

/** The first sheet within the time budget; the reader's size and time caps become LedgerLimitError. */
async function readSheetWithin(buffer: Buffer, timeoutMs: number, onRow: XlsxRowVisitor, streaming: SheetStreaming) {
  try {
    return await readFirstSheet(
      buffer,
      { ...DEFAULT_XLSX_LIMITS, deadline: performance.now() + timeoutMs },
      onRow,
      streaming,
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
}

/** A row above the data: the heading row has 姓名 and at least two other headings; past row 20, reading stops. */
function findHeadings(state: ReadState, r: number, cells: XlsxCell[]): 'stop' | void {
  if (r > 20) return 'stop';
  const found = new Map<LedgerHeading, number>();
  for (const { col, value } of cells) {
    const text = normaliseHeading(headingText(value));
    const heading = LEDGER_HEADINGS.find((h) => h === text);
    if (heading) found.set(heading, col);
  }
  if (found.has('姓名') && found.size >= 3) {
    state.headingRow = r;
    for (const [heading, col] of found) state.columns.set(col, heading);
  }
}

/** A data row: its cells under known headings, kept when it has any; throws past the row or text cap. */
function keepDataRow(state: ReadState, r: number, cells: XlsxCell[], caps: ReadCaps): void {
  const row: LedgerRow = { rowNumber: r, cells: {}, cellProblems: [] };
  for (const { col, value } of cells) {
    const heading = state.columns.get(col);
    if (!heading) continue;
    const text = cellText(value, heading, row.cellProblems);
    if (!text) continue;
    row.cells[heading] = heading === '身份证号' ? normaliseIdNumber(text) : text;
    state.textChars += text.length;
  }
  if (Object.keys(row.cells).length === 0 && row.cellProblems.length === 0) return;
  if (state.kept >= caps.maxRows) throw caps.tooManyRows();
  if (state.textChars > caps.maxText)
    throw new LedgerLimitError('size', { code: 'care.ledger_text_over', params: { max: caps.maxText } });
  state.kept += 1;
  state.rows.push(row);
}

function normaliseHeading(text: string): string {
  return foldWidth(text).replace(/[\s*＊:：()（）]/g, '');
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
