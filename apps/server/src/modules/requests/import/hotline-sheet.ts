import { HOTLINE_HEADINGS, type HotlineHeading } from '@linli/contracts/modules/requests';
import { type HeadedRow, type HeadedSheetFormat, foldFullWidth } from '../../../platform/xlsx-headed-sheet';
import type { XlsxValue } from '../../../platform/xlsx-reader';
import { unguardFormula, writeSheet } from '../../../platform/xlsx-writer';

// The 12345 work-order workbook: read with the capped streaming reader (platform/xlsx-reader.ts, never ExcelJS's
// reader), written (template, error report) with ExcelJS's streaming writer.

export type SheetRow = HeadedRow<HotlineHeading>;

function cellText(value: XlsxValue): string {
  // A date cell holds the wall-clock time it shows (Excel has no time zone): kept as that text, read as Beijing time.
  if (value.kind === 'date') return value.date.toISOString().slice(0, 16).replace('T', ' ');
  if (value.kind === 'string') return unguardFormula(foldFullWidth(value.text).trim()).trim();
  return String(value.value);
}

/** The work-order sheet: found by its 工单编号 and 来电时间 headings. */
export const HOTLINE_SHEET: HeadedSheetFormat<HotlineHeading> = {
  headings: HOTLINE_HEADINGS,
  required: ['工单编号', '来电时间'],
  cellText,
  maxCellLength: 4000,
};

const WIDTHS = { 工单编号: 20, 来电时间: 17, 诉求内容: 40, 所属社区: 18, 地址: 30, 诉求类别: 16 };

/** A workbook of the import's headings and rows (plus a reason column for an error report). */
export function writeHotlineSheet(rows: string[][], sheetName: string, extraHeading?: string): Promise<Buffer> {
  return writeSheet(
    { sheetName, headings: [...HOTLINE_HEADINGS, ...(extraHeading ? [extraHeading] : [])], widths: WIDTHS },
    async (add) => {
      for (const row of rows) await add(row);
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
