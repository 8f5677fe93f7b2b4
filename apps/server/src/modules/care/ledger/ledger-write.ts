import { writeSheet } from '../../../platform/xlsx-writer';
import { LEDGER_HEADINGS, type LedgerHeading } from './ledger-columns';

export interface LedgerExportRow {
  cells: Record<LedgerHeading, string>;
}

/**
 * Writes a ledger workbook (`watermark` in a title row above the headings and in the header/footer) with the
 * streaming writer (platform/xlsx-writer.ts): rows are committed as they come, every cell text and formula-guarded.
 * `fill` calls `add` for each row (it may fetch in batches) and awaits what it returns (a turn for other requests).
 */
export function writeLedgerStreaming(
  fill: (add: (row: LedgerExportRow) => Promise<void> | undefined) => Promise<void>,
  title: string,
  watermark: string,
): Promise<Buffer> {
  return writeSheet(
    {
      sheetName: '服务对象台账',
      headings: LEDGER_HEADINGS,
      widths: Object.fromEntries(LEDGER_HEADINGS.map((h) => [h, h === '家庭住址' ? 30 : h === '身份证号' ? 22 : 12])),
      title: `${title}（${watermark}）`,
      watermark,
    },
    (add) => fill((row) => add(LEDGER_HEADINGS.map((h) => row.cells[h] ?? ''))),
  );
}

/** A ledger workbook from rows already in memory (tests, the benchmark's import file). */
export function writeLedger(rows: LedgerExportRow[], title: string, watermark: string): Promise<Buffer> {
  return writeLedgerStreaming(
    async (add) => {
      for (const row of rows) await add(row);
    },
    title,
    watermark,
  );
}
