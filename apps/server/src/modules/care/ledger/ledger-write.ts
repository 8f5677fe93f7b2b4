import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { LEDGER_HEADINGS, type LedgerHeading, guardFormula } from './ledger-columns';

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
