import type { Entry, ZipFile } from 'yauzl';
import { type AfterChunk, type XlsxReadLimits, parsePart, unescapeOoxml } from './xlsx-part';

// The worksheet part of an .xlsx file: its rows (cells typed by the shared strings, styles and date system) and its
// merged ranges, read in one pass (xlsx-reader.ts finds the part and what it refers to).

export type XlsxValue =
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'boolean'; value: boolean };

export interface XlsxCell {
  /** 1-based column. */
  col: number;
  value: XlsxValue;
}

/** A merged range, 1-based and inclusive. */
export interface XlsxMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Called for each non-empty row in sheet order (`cells` in column order). Return 'stop' to end reading early;
 * throw to abort (the error is passed through).
 */
export type XlsxRowVisitor = (rowNumber: number, cells: XlsxCell[]) => void | 'stop';

const MAX_MERGES = 100_000;

export interface SheetContext {
  shared: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

/** 'B12' → 2. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function rangeOf(ref: string): XlsxMerge | null {
  const m = /^([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  const [a, b] = [
    { col: columnOf(m[1]!), row: Number(m[2]) },
    { col: columnOf(m[3]!), row: Number(m[4]) },
  ];
  return {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
}

/** Excel serial day → Date (1900 or 1904 date system), as ExcelJS does; null when out of range. */
function serialToDate(serial: number, date1904: boolean): Date | null {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(date.getTime()) ? null : date;
}

function cellValue(type: string, style: number, v: string, inline: string, ctx: SheetContext): XlsxValue | null {
  switch (type) {
    case 's': {
      const text = v.trim() === '' ? undefined : ctx.shared[Number(v)];
      return text === undefined || text === '' ? null : { kind: 'string', text };
    }
    case 'inlineStr':
      return inline === '' ? null : { kind: 'string', text: unescapeOoxml(inline) };
    case 'str':
    case 'e':
      return v === '' ? null : { kind: 'string', text: unescapeOoxml(v) };
    case 'b':
      return v.trim() === '' ? null : { kind: 'boolean', value: v.trim() === '1' || v.trim() === 'true' };
    case 'd': {
      const date = new Date(v.trim());
      return v.trim() === ''
        ? null
        : Number.isNaN(date.getTime())
          ? { kind: 'string', text: v }
          : { kind: 'date', date };
    }
    default: {
      const text = v.trim();
      if (text === '') return null;
      const value = Number(text);
      if (!Number.isFinite(value)) return { kind: 'string', text };
      const date = ctx.dateStyles.has(style) ? serialToDate(value, ctx.date1904) : null;
      return date ? { kind: 'date', date } : { kind: 'number', value };
    }
  }
}

export async function readSheet(
  zip: ZipFile,
  entry: Entry,
  ctx: SheetContext,
  limits: XlsxReadLimits,
  onRow: XlsxRowVisitor,
  afterChunk?: AfterChunk,
): Promise<{ merges: XlsxMerge[] }> {
  const rows = new SheetRows(ctx, onRow);
  await parsePart(
    zip,
    entry,
    limits.maxSheetBytes,
    limits,
    { open: (name, a) => rows.open(name, a), close: (name) => rows.close(name), text: (text) => rows.text(text) },
    () => rows.stop,
    afterChunk,
  );
  return { merges: rows.merges };
}

/** The sheet's XML events turned into rows for the visitor; merged ranges (outside sheetData) collected. */
class SheetRows {
  readonly merges: XlsxMerge[] = [];
  stop = false;
  private inSheetData = false;
  private rowNumber = 0;
  private cells: XlsxCell[] = [];
  private col = 0;
  // The open <c>: its type and style, the text of its <v> and of its inline string (<is>).
  private inCell = false;
  private cellType = 'n';
  private cellStyle = 0;
  private valueText = '';
  private inlineText = '';
  private inValue = false;
  private inInline = false;
  private inText = false;
  private phonetic = 0;

  constructor(
    private readonly ctx: SheetContext,
    private readonly onRow: XlsxRowVisitor,
  ) {}

  open(name: string, a: Record<string, string>): void {
    if (this.stop) return;
    if (name === 'sheetData') this.inSheetData = true;
    else if (!this.inSheetData) {
      if (name === 'mergeCell' && a.ref && this.merges.length < MAX_MERGES) {
        const range = rangeOf(a.ref);
        if (range) this.merges.push(range);
      }
    } else if (name === 'row') {
      this.rowNumber = a.r ? Number(a.r) : this.rowNumber + 1;
      this.cells = [];
      this.col = 0;
    } else if (name === 'c') this.openCell(a);
    else if (this.inCell) {
      if (name === 'v') this.inValue = true;
      else if (name === 'is') this.inInline = true;
      else if (name === 'rPh') this.phonetic += 1;
      else if (name === 't' && this.inInline && this.phonetic === 0) this.inText = true;
    }
  }

  private openCell(a: Record<string, string>): void {
    this.col = a.r ? columnOf(a.r) : this.col + 1;
    this.inCell = true;
    this.cellType = a.t ?? 'n';
    this.cellStyle = a.s ? Number(a.s) : 0;
    this.valueText = '';
    this.inlineText = '';
  }

  close(name: string): void {
    if (this.stop) return;
    if (name === 'sheetData') this.inSheetData = false;
    else if (!this.inSheetData) return;
    else if (name === 'v') this.inValue = false;
    else if (name === 't') this.inText = false;
    else if (name === 'is') this.inInline = false;
    else if (name === 'rPh') this.phonetic -= 1;
    else if (name === 'c' && this.inCell) {
      const value = cellValue(this.cellType, this.cellStyle, this.valueText, this.inlineText, this.ctx);
      if (value) this.cells.push({ col: this.col, value });
      this.inCell = false;
    } else if (name === 'row') {
      if (this.cells.length && this.onRow(this.rowNumber, this.cells) === 'stop') this.stop = true;
    }
  }

  text(text: string): void {
    if (!this.inCell) return;
    if (this.inValue) this.valueText += text;
    else if (this.inText) this.inlineText += text;
  }
}
