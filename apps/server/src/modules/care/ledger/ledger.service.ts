import { type Lang, type LedgerImportReport, fieldMessage, labelledMessage } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { ConcurrencyGate } from '../../../platform/concurrency-gate';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import type { AreaRow } from '../../org';
import { LEDGER_HEADINGS, LedgerLimitError, type LedgerRow, readLedgerInBatches } from './ledger-format';
import { ChunkWriter, ImportRun, type ImportReport } from './ledger-import';
import { listAreasInScopeForLedger } from './ledger.repository';
import { writeErrorReport } from './ledger-sheets';

export { HELD_BACK_REASON, type ImportReport } from './ledger-import';

export interface ImportOptions {
  dryRun: boolean;
  allOrNothing: boolean;
}

/** Rows handed over from the reader at a time: checked, matched and written as one chunk. */
const BATCH_ROWS = 2000;

/** The report as the API answers it: each reason with its words in the request's language, column first. */
export function reportInLanguage(report: ImportReport, lang: Lang): LedgerImportReport {
  return {
    ...report,
    rejected: report.rejected.map(({ row, reasons }) => ({
      row,
      reasons: reasons.map((r) => ({
        ...r,
        message: labelledMessage(r.column, fieldMessage(r.code, lang, r.params) ?? r.code, lang),
      })),
    })),
  };
}

/** Thrown out of an import's transaction to roll it back: merged cells reach into the data rows (read again). */
class ReadAgain extends Error {}
/** Thrown out of an import's transaction to roll it back: all-or-nothing met a rejected row (nothing written). */
class NothingWritten extends Error {}

/**
 * Ledger imports: the .xlsx file read within its caps as a stream, rows checked and matched and new clients written
 * batch by batch as they are read, all in one transaction (F2, F5). Memory holds a batch, not the file's rows.
 */
export class LedgerService {
  /** Imports running at once: one per user, `LINLI_LEDGER_IMPORTS_AT_ONCE` for the server (finding F2). */
  readonly importGate: ConcurrencyGate;

  constructor(private readonly ctx: AppContext) {
    this.importGate = new ConcurrencyGate(ctx.config.ledgerImportsAtOnce, 1);
  }

  get maxUploadBytes(): number {
    return this.ctx.config.ledgerMaxBytes;
  }

  get maxRows(): number {
    return this.ctx.config.ledgerMaxRows;
  }

  /**
   * Validates every row; writes the valid rows in one transaction, or none (dry run; all-or-nothing with a rejected
   * row, rolled back). The caller holds a place in `importGate` (the route takes it before the body is read).
   */
  async importClients(actor: Actor, buffer: Buffer, options: ImportOptions): Promise<ImportReport> {
    const areas = await listAreasInScopeForLedger(this.ctx.db, actor.scopePrefixes);
    if (!options.dryRun) {
      const written = await this.writeImport(actor, buffer, areas, options.allOrNothing);
      if (written.report.written) return written.report;
      return this.checked(actor, written, '');
    }
    return this.checked(actor, await this.checkFile(actor, buffer, areas, false), '');
  }

  /**
   * The error report of an uploaded file: its rejected rows as uploaded, each with its reasons in `lang` (what a
   * dry run would reject; nothing is written). The caller holds a place in `importGate`, as for an import.
   */
  async errorReport(actor: Actor, buffer: Buffer, lang: Lang): Promise<Buffer> {
    const areas = await listAreasInScopeForLedger(this.ctx.db, actor.scopePrefixes);
    const run = await this.checkFile(actor, buffer, areas, true);
    const report = this.checked(actor, run, 'error report: ');
    return writeErrorReport(
      report.rejected.map(({ row, reasons }) => ({
        row,
        cells: run.rejectedCells.get(row) ?? {},
        reasons: reasons.map((r) => labelledMessage(r.column, fieldMessage(r.code, lang, r.params) ?? r.code, lang)),
      })),
    );
  }

  /** A run that wrote nothing: audited as a check (matching rows against clients reads personal data too). */
  private checked(actor: Actor, run: ImportRun, what: string): ImportReport {
    const counts = run.finish();
    auditRead(this.ctx, actor, {
      action: 'client.import_check',
      objectType: 'client',
      fields: [...LEDGER_HEADINGS],
      detail: `${what}${run.report.valid} valid, ${counts}; nothing written`,
    });
    return run.report;
  }

  /** Reads and checks a file, writing nothing (dry run, error report). */
  private async checkFile(
    actor: Actor,
    buffer: Buffer,
    areas: AreaRow[],
    keepCells: boolean,
    again = false,
  ): Promise<ImportRun> {
    const run = new ImportRun(this.ctx, actor, areas, { build: false, keepCells, now: this.ctx.clock.now() });
    const read = await this.readRows(buffer, again, async (rows) => {
      await run.check(this.ctx.db, rows);
    });
    return read.mergedDataCells ? this.checkFile(actor, buffer, areas, keepCells, true) : run;
  }

  /**
   * Reads, checks and writes a file in one transaction: each batch is checked and matched (in the transaction,
   * behind the chunk being written) and its new clients sent while the next batch is read. All-or-nothing stops
   * writing at the first rejected row and rolls back at the end; the report still covers every row.
   */
  private async writeImport(
    actor: Actor,
    buffer: Buffer,
    areas: AreaRow[],
    allOrNothing: boolean,
    again = false,
  ): Promise<ImportRun> {
    const now = this.ctx.clock.now();
    const run = new ImportRun(this.ctx, actor, areas, { build: true, keepCells: false, now });
    try {
      await this.ctx.db.transaction(async (tx) => {
        const writer = new ChunkWriter(tx, { actorId: actor.userId, at: now, today: chinaToday(now) });
        let halted = false;
        const read = await this.readRows(buffer, again, async (rows) => {
          const toCreate = await run.check(tx, rows);
          if (allOrNothing && run.report.rejected.length > 0 && !halted) {
            halted = true;
            run.stopBuilding();
          }
          if (!halted) await writer.write(toCreate);
        });
        await writer.done();
        if (read.mergedDataCells) throw new ReadAgain();
        if (halted) throw new NothingWritten();
        run.report.created = run.report.toCreate;
        const counts = run.finish();
        await auditInTx(this.ctx, tx, actor, {
          action: 'client.import',
          objectType: 'client',
          fields: [...LEDGER_HEADINGS],
          detail: `${run.report.created} created, ${counts}`,
        });
      });
    } catch (error) {
      if (error instanceof ReadAgain) return this.writeImport(actor, buffer, areas, allOrNothing, true);
      if (error instanceof NothingWritten) return run;
      throw error;
    }
    run.report.written = true;
    // Thousands of new rows: the embedded database's plans need fresh statistics (platform/statistics.ts).
    this.ctx.statistics.soon();
    return run;
  }

  /**
   * Reads the file within the configured caps, handing its rows over in batches (a cap becomes its error code, any
   * other reading error care.ledger_unreadable; an error of `onBatch` passes through). `again`: read the whole
   * sheet first, for a file whose merged cells reach into the data rows (see readLedgerInBatches).
   */
  private async readRows(
    buffer: Buffer,
    again: boolean,
    onBatch: (rows: LedgerRow[]) => Promise<void>,
  ): Promise<{ mergedDataCells: boolean }> {
    const limits = { maxRows: this.ctx.config.ledgerMaxRows, timeoutMs: this.ctx.config.ledgerParseTimeoutMs };
    let batchError: unknown = null;
    const handOver = (rows: LedgerRow[]) =>
      onBatch(rows).catch((error: unknown) => {
        batchError = error;
        throw error;
      });
    let read: { missingHeadings: string[]; mergedDataCells: boolean };
    try {
      read = await readLedgerInBatches(buffer, limits, BATCH_ROWS, handOver, { hold: again });
    } catch (error) {
      if (error === batchError) throw error;
      if (error instanceof LedgerLimitError) {
        throw new AppError(error.limit === 'time' ? 'care.ledger_timeout' : 'care.ledger_too_large', [
          { path: 'file', ...error.reason },
        ]);
      }
      throw new AppError('care.ledger_unreadable');
    }
    if (read.missingHeadings.length)
      throw new AppError('care.ledger_unreadable', [{ path: 'file', code: 'care.ledger_no_headings' }]);
    return read;
  }
}
