import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * A streaming reader for the first worksheet of an .xlsx file, for uploads from strangers (security finding F2).
 *
 * ExcelJS's in-memory reader builds a model of every cell (a 1,000,000-row upload took 3 GB and 51 s of one
 * thread); its streaming reader splits multi-byte characters at chunk boundaries (exceljs#2063). This reader
 * takes the zip's central directory with yauzl, refuses parts whose declared uncompressed size is over budget
 * (zip bombs) and counts the bytes actually inflated too, then feeds each part through a streaming UTF-8
 * decoder into a SAX parser (saxes), handing the caller one row at a time. Inflating runs on the libuv thread
 * pool and each 16 KB chunk is parsed on its own turn of the event loop, so other requests are served while a
 * large file is read; a wall-clock deadline stops it. Memory is the shared-strings table (bounded) plus
 * whatever the caller keeps.
 */

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

export interface XlsxReadLimits {
  /** Largest uncompressed worksheet XML, declared or actual. */
  maxSheetBytes: number;
  /** Largest uncompressed shared-strings part (it is held in memory while the sheet is read). */
  maxSharedStringsBytes: number;
  maxSharedStrings: number;
  /** performance.now() after which reading stops. */
  deadline: number;
}

export const DEFAULT_XLSX_LIMITS = {
  maxSheetBytes: 1024 * 1024 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxSharedStrings: 2_000_000,
} as const;

/** Every other part (workbook, relationships, styles) is small in any real file. */
const MAX_SMALL_PART_BYTES = 16 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
/** No text node or tag is longer than this in a real workbook (Excel caps a cell at 32,767 characters). */
const MAX_TOKEN_BYTES = 1024 * 1024;
const MAX_MERGES = 100_000;

/** The file is over a size or time budget; `limit` says which. */
export class XlsxLimitError extends Error {
  constructor(
    readonly limit: 'size' | 'time',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Called for each non-empty row in sheet order (`cells` in column order). Return 'stop' to end reading early;
 * throw to abort (the error is passed through).
 */
export type XlsxRowVisitor = (rowNumber: number, cells: XlsxCell[]) => void | 'stop';

/** Reads the first worksheet row by row; returns its merged ranges, or null when the workbook has no sheet. */
export async function readFirstSheet(
  buffer: Buffer,
  limits: XlsxReadLimits,
  onRow: XlsxRowVisitor,
): Promise<{ merges: XlsxMerge[] } | null> {
  const zip = await yauzl.fromBufferPromise(buffer, {
    lazyEntries: true,
    validateEntrySizes: true,
    decodeStrings: true,
    strictFileNames: false,
  });
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new XlsxLimitError('size', `more than ${MAX_ENTRIES} parts in the zip`);
    const entries = await listEntries(zip);
    const part = (name: string) => entries.get(name.replace(/^\/+/, '').toLowerCase());
    const workbookPath =
      (await relationships(zip, part('_rels/.rels'), '', limits)).find((r) => r.type.endsWith('/officeDocument'))
        ?.target ?? 'xl/workbook.xml';
    const workbook = await readWorkbook(zip, part(workbookPath), limits);
    if (!workbook) return null;
    const rels = await relationships(zip, part(relsPathOf(workbookPath)), path.posix.dirname(workbookPath), limits);
    const sheetPath = rels.find((r) => r.id === workbook.firstSheetRelId)?.target;
    const sheet = sheetPath ? part(sheetPath) : undefined;
    if (!sheet) return null;
    const stylesPath = rels.find((r) => r.type.endsWith('/styles'))?.target ?? 'xl/styles.xml';
    const sharedPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
    if (sheet.uncompressedSize > limits.maxSheetBytes)
      throw new XlsxLimitError(
        'size',
        `the worksheet unpacks to ${mb(sheet.uncompressedSize)} (limit ${mb(limits.maxSheetBytes)})`,
      );
    const dateStyles = await readDateStyles(zip, part(stylesPath), limits);
    const shared = await readSharedStrings(zip, part(sharedPath), limits);
    return await readSheet(zip, sheet, { shared, dateStyles, date1904: workbook.date1904 }, limits, onRow);
  } finally {
    zip.close();
  }
}

const mb = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} MB`;

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      entries.set(entry.fileName.replace(/\\/g, '/').toLowerCase(), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function relsPathOf(partPath: string): string {
  return path.posix.join(path.posix.dirname(partPath), '_rels', `${path.posix.basename(partPath)}.rels`);
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** OOXML escapes characters XML cannot carry as _xHHHH_. */
function unescapeOoxml(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

type TagHandler = (name: string, attributes: Record<string, string>) => void;
interface XmlHandlers {
  open?: TagHandler;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/**
 * Streams one zip entry through a UTF-8 decoder into a SAX parser. Stops with XlsxLimitError when the inflated
 * bytes pass `maxBytes`, a token runs past MAX_TOKEN_BYTES or the deadline passes; `stopped()` true ends early.
 */
async function parsePart(
  zip: ZipFile,
  entry: Entry,
  maxBytes: number,
  limits: XlsxReadLimits,
  handlers: XmlHandlers,
  stopped: () => boolean = () => false,
): Promise<void> {
  if (entry.uncompressedSize > maxBytes)
    throw new XlsxLimitError(
      'size',
      `${entry.fileName} unpacks to ${mb(entry.uncompressedSize)} (limit ${mb(maxBytes)})`,
    );
  const parser = new SaxesParser({ position: false });
  parser.on('error', (error) => {
    throw error;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let inflated = 0;
  let sinceMarkup = 0;
  await new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      stream.destroy();
      if (error)
        reject(
          error instanceof Error && /too many bytes/.test(error.message)
            ? new XlsxLimitError('size', `${entry.fileName} is larger than its zip header says`)
            : error,
        );
      else resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      try {
        inflated += chunk.length;
        if (inflated > maxBytes)
          throw new XlsxLimitError('size', `${entry.fileName} unpacks to more than ${mb(maxBytes)}`);
        if (performance.now() > limits.deadline) throw new XlsxLimitError('time', 'reading the file took too long');
        const lastMarkup = chunk.lastIndexOf(0x3c); // '<' never occurs inside a UTF-8 multi-byte sequence
        sinceMarkup = lastMarkup < 0 ? sinceMarkup + chunk.length : chunk.length - lastMarkup - 1;
        if (sinceMarkup > MAX_TOKEN_BYTES)
          throw new XlsxLimitError('size', `${entry.fileName} has a value longer than ${mb(MAX_TOKEN_BYTES)}`);
        parser.write(decoder.decode(chunk, { stream: true }));
        if (stopped()) finish();
      } catch (error) {
        finish(error);
      }
    });
    stream.once('error', finish);
    stream.once('end', () => {
      try {
        parser.write(decoder.decode());
        parser.close();
        finish();
      } catch (error) {
        finish(error);
      }
    });
  });
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

async function relationships(
  zip: ZipFile,
  entry: Entry | undefined,
  baseDir: string,
  limits: XlsxReadLimits,
): Promise<Relationship[]> {
  const found: Relationship[] = [];
  if (!entry) return found;
  await parsePart(zip, entry, MAX_SMALL_PART_BYTES, limits, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return;
      const target = a.Target.startsWith('/')
        ? a.Target.slice(1)
        : path.posix.normalize(path.posix.join(baseDir, a.Target));
      found.push({ id: a.Id ?? '', type: a.Type ?? '', target });
    },
  });
  return found;
}

async function readWorkbook(
  zip: ZipFile,
  entry: Entry | undefined,
  limits: XlsxReadLimits,
): Promise<{ firstSheetRelId: string; date1904: boolean } | null> {
  if (!entry) throw new Error('no workbook part');
  let firstSheetRelId: string | null = null;
  let date1904 = false;
  await parsePart(zip, entry, MAX_SMALL_PART_BYTES, limits, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet' && firstSheetRelId === null) {
        const key = Object.keys(a).find((k) => k !== 'id' && localName(k) === 'id');
        firstSheetRelId = key ? a[key]! : '';
      }
    },
  });
  return firstSheetRelId === null ? null : { firstSheetRelId, date1904 };
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, with the CJK locale ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A custom format shows a date when, outside quoted text, [brackets] and escapes, it has y, m, d, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  return !/^general$/i.test(bare.trim()) && /[ymdhs]/i.test(bare);
}

/** The cell style indexes (cellXfs) whose number format is a date. */
async function readDateStyles(zip: ZipFile, entry: Entry | undefined, limits: XlsxReadLimits): Promise<Set<number>> {
  const styles = new Set<number>();
  if (!entry) return styles;
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, entry, MAX_SMALL_PART_BYTES, limits, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  xfFormats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) styles.add(index);
  });
  return styles;
}

/** Each <si>: its <t> text, rich-text runs joined; phonetic guides (<rPh>) left out, as Excel shows them. */
async function readSharedStrings(zip: ZipFile, entry: Entry | undefined, limits: XlsxReadLimits): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await parsePart(zip, entry, limits.maxSharedStringsBytes, limits, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && current && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && current) {
        if (strings.length >= limits.maxSharedStrings)
          throw new XlsxLimitError('size', `more than ${limits.maxSharedStrings} shared strings`);
        strings.push(unescapeOoxml(current.join('')));
        current = null;
      }
    },
    text(text) {
      if (inText && current) current.push(text);
    },
  });
  return strings;
}

interface SheetContext {
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

async function readSheet(
  zip: ZipFile,
  entry: Entry,
  ctx: SheetContext,
  limits: XlsxReadLimits,
  onRow: XlsxRowVisitor,
): Promise<{ merges: XlsxMerge[] }> {
  const merges: XlsxMerge[] = [];
  let stop = false;
  let inSheetData = false;
  let rowNumber = 0;
  let cells: XlsxCell[] = [];
  let col = 0;
  // The open <c>: its type and style, the text of its <v> and of its inline string (<is>).
  let inCell = false;
  let cellType = 'n';
  let cellStyle = 0;
  let valueText = '';
  let inlineText = '';
  let inValue = false;
  let inInline = false;
  let inText = false;
  let phonetic = 0;
  await parsePart(
    zip,
    entry,
    limits.maxSheetBytes,
    limits,
    {
      open(name, a) {
        if (stop) return;
        if (name === 'sheetData') inSheetData = true;
        else if (!inSheetData) {
          if (name === 'mergeCell' && a.ref && merges.length < MAX_MERGES) {
            const range = rangeOf(a.ref);
            if (range) merges.push(range);
          }
        } else if (name === 'row') {
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          cells = [];
          col = 0;
        } else if (name === 'c') {
          col = a.r ? columnOf(a.r) : col + 1;
          inCell = true;
          cellType = a.t ?? 'n';
          cellStyle = a.s ? Number(a.s) : 0;
          valueText = '';
          inlineText = '';
        } else if (inCell) {
          if (name === 'v') inValue = true;
          else if (name === 'is') inInline = true;
          else if (name === 'rPh') phonetic += 1;
          else if (name === 't' && inInline && phonetic === 0) inText = true;
        }
      },
      close(name) {
        if (stop) return;
        if (name === 'sheetData') inSheetData = false;
        else if (!inSheetData) return;
        else if (name === 'v') inValue = false;
        else if (name === 't') inText = false;
        else if (name === 'is') inInline = false;
        else if (name === 'rPh') phonetic -= 1;
        else if (name === 'c' && inCell) {
          const value = cellValue(cellType, cellStyle, valueText, inlineText, ctx);
          if (value) cells.push({ col, value });
          inCell = false;
        } else if (name === 'row') {
          if (cells.length && onRow(rowNumber, cells) === 'stop') stop = true;
        }
      },
      text(text) {
        if (!inCell) return;
        if (inValue) valueText += text;
        else if (inText) inlineText += text;
      },
    },
    () => stop,
  );
  return { merges };
}
