import { performance } from 'node:perf_hooks';
import { HOTLINE_HEADINGS, type HotlineHeading } from '@linli/contracts/modules/requests';
import { DEFAULT_XLSX_LIMITS, type XlsxValue, readFirstSheet } from '../../../platform/xlsx-reader';
import { unguardFormula, writeSheet } from '../figures/xlsx-cells';

// The 12345 work-order workbook: read with the capped streaming reader (platform/xlsx-reader.ts, never ExcelJS's
// reader), written (template, error report) with ExcelJS's streaming writer.

export interface SheetRow {
  rowNumber: number;
  cells: Partial<Record<HotlineHeading, string>>;
}

export class SheetLimitError extends Error {}

const fold = (text: string) =>
  text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

function cellText(value: XlsxValue): string {
  // A date cell holds the wall-clock time it shows (Excel has no time zone): kept as that text, read as Beijing time.
  if (value.kind === 'date') return value.date.toISOString().slice(0, 16).replace('T', ' ');
  if (value.kind === 'string') return unguardFormula(fold(value.text).trim()).trim();
  return String(value.value);
}

/**
 * The data rows of an uploaded workbook: the heading row (工单编号 and 来电时间 among the first 10 rows), then each
 * non-empty row by heading. Throws SheetLimitError past `maxRows` or `timeoutMs`; null when no heading row is found.
 */
export async function readHotlineSheet(buffer: Buffer, maxRows: number, timeoutMs: number): Promise<SheetRow[] | null> {
  const columns = new Map<number, HotlineHeading>();
  const rows: SheetRow[] = [];
  const deadline = performance.now() + timeoutMs;
  const sheet = await readFirstSheet(buffer, { ...DEFAULT_XLSX_LIMITS, deadline }, (r, cells) => {
    if (columns.size === 0) {
      if (r > 10) return 'stop';
      const found = cells
        .map((c) => [c.col, HOTLINE_HEADINGS.find((h) => h === cellText(c.value))] as const)
        .filter((e): e is [number, HotlineHeading] => e[1] !== undefined);
      if (found.some(([, h]) => h === '工单编号') && found.some(([, h]) => h === '来电时间'))
        for (const [c, h] of found) columns.set(c, h);
      return;
    }
    const row: SheetRow = { rowNumber: r, cells: {} };
    for (const c of cells) {
      const heading = columns.get(c.col);
      const text = cellText(c.value);
      if (heading && text) row.cells[heading] = text.slice(0, 4000);
    }
    if (Object.keys(row.cells).length === 0) return;
    if (rows.length >= maxRows) throw new SheetLimitError('rows');
    rows.push(row);
  });
  return sheet && columns.size > 0 ? rows : null;
}

const WIDTHS = { 工单编号: 20, 来电时间: 17, 诉求内容: 40, 所属社区: 18, 地址: 30, 诉求类别: 16 };

/** A workbook of the import's headings and rows (plus a reason column for an error report). */
export function writeHotlineSheet(rows: string[][], sheetName: string, extraHeading?: string): Promise<Buffer> {
  return writeSheet(
    { sheetName, headings: [...HOTLINE_HEADINGS, ...(extraHeading ? [extraHeading] : [])], widths: WIDTHS },
    async (add) => {
      for (const row of rows) add(row);
    },
  );
}

/** The downloadable template: the headings and one example row (delete it before importing). */
export function writeHotlineTemplate(): Promise<Buffer> {
  return writeHotlineSheet(
    [
      [
        '2026030200123',
        '2026-03-02 09:30',
        '张三',
        '13800001234',
        '路灯损坏',
        '小区东门路灯不亮已一周，夜间出行不便',
        '示例社区（填写社区名称或 12 位代码）',
        '东门',
        '一般',
      ],
    ],
    '12345工单',
  );
}

export function sheetColumns(cells: SheetRow['cells']): string[] {
  return HOTLINE_HEADINGS.map((h) => cells[h] ?? '');
}
