import path from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import {
  type AfterChunk,
  XlsxLimitError,
  type XlsxReadLimits,
  countElements,
  localName,
  mb,
  parsePart,
  unescapeOoxml,
} from './xlsx-part';
import { type XlsxMerge, type XlsxRowVisitor, readSheet } from './xlsx-sheet';

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

export { type AfterChunk, XlsxLimitError, type XlsxReadLimits } from './xlsx-part';
export { type XlsxCell, type XlsxMerge, type XlsxRowVisitor, type XlsxValue } from './xlsx-sheet';

export const DEFAULT_XLSX_LIMITS = {
  maxSheetBytes: 1024 * 1024 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxSharedStrings: 2_000_000,
} as const;

/** Every other part (workbook, relationships, styles) is small in any real file. */
const MAX_SMALL_PART_BYTES = 16 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

/** For a caller that works on the rows while the sheet is read. */
export interface SheetStreaming {
  /** See parsePart: lets the caller pause reading while it works on the rows handed over so far. */
  afterChunk?: AfterChunk;
  /** Called before the first row with the number of <row> elements in the sheet (an upper bound, countElements). */
  rowCount?: (count: number) => void;
}

/** Reads the first worksheet row by row; returns its merged ranges, or null when the workbook has no sheet. */
export async function readFirstSheet(
  buffer: Buffer,
  limits: XlsxReadLimits,
  onRow: XlsxRowVisitor,
  streaming: SheetStreaming = {},
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
    if (streaming.rowCount) streaming.rowCount(await countElements(zip, sheet, 'row', limits.maxSheetBytes, limits));
    const context = { shared, dateStyles, date1904: workbook.date1904 };
    return await readSheet(zip, sheet, context, limits, onRow, streaming.afterChunk);
  } finally {
    zip.close();
  }
}

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
