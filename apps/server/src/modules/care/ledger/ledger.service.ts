import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type ClientInput,
  type Lang,
  type LedgerImportReport,
  fieldMessage,
  labelledMessage,
  parseIdNumber,
} from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { ConcurrencyGate } from '../../../platform/concurrency-gate';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import type { AreaRow } from '../../org';
import { clientPolicy } from '../clients/clients.policy';
import { nameSearchKeys } from '../clients/names';
import { type EffectivePolicy, policyFor } from '../policies/planning';
import { LEDGER_HEADINGS, LedgerLimitError, type LedgerReason, type LedgerRow, readLedger } from './ledger-format';
import { existingIdIndexes, existingPeople, insertImportBatch, listAreasInScopeForLedger } from './ledger.repository';
import { importBatchFor, validateLedgerRow, type ValidRow } from './ledger-rows';
import { writeErrorReport } from './ledger-sheets';

export interface ImportOptions {
  dryRun: boolean;
  allOrNothing: boolean;
}

export interface ImportReport {
  total: number;
  valid: number;
  created: number;
  /** The rows that are new clients: created when written, else what an import would create. */
  toCreate: number;
  skippedExisting: number;
  rejected: { row: number; reasons: LedgerReason[] }[];
  written: boolean;
}

/**
 * The only reason given for a row matching a client the importer may not see (another community, a minor not
 * theirs): no id, no community, so a dry run is no oracle for who is a client where (finding F5).
 */
export const HELD_BACK_REASON: LedgerReason = { column: null, code: 'care.record_elsewhere' };

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

type Existing = 'visible' | 'hidden' | null;

/** Ledger imports: the .xlsx file read within its caps, rows checked and matched, new clients written (F2, F5). */
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

  /** Reads the file within the configured caps, mapping a cap to its error code. */
  private async readUpload(buffer: Buffer) {
    const { ledgerMaxRows, ledgerParseTimeoutMs } = this.ctx.config;
    try {
      return await readLedger(buffer, { maxRows: ledgerMaxRows, timeoutMs: ledgerParseTimeoutMs });
    } catch (error) {
      if (error instanceof LedgerLimitError) {
        throw new AppError(error.limit === 'time' ? 'care.ledger_timeout' : 'care.ledger_too_large', [
          { path: 'file', ...error.reason },
        ]);
      }
      throw new AppError('care.ledger_unreadable');
    }
  }

  /**
   * Validates every row; writes valid rows in one transaction (or none, on dry run or all-or-nothing with rejects).
   * The caller holds a place in `importGate` (the route takes it before the body is read).
   */
  async importClients(actor: Actor, buffer: Buffer, options: ImportOptions): Promise<ImportReport> {
    const { report, toCreate, counts } = await this.check(actor, buffer);
    if (options.dryRun || (options.allOrNothing && report.rejected.length > 0)) {
      // Checking rows against existing clients reads personal data too.
      auditRead(this.ctx, actor, {
        action: 'client.import_check',
        objectType: 'client',
        fields: [...LEDGER_HEADINGS],
        detail: `${report.valid} valid, ${counts}; nothing written`,
      });
      return report;
    }
    await this.writeImport(actor, toCreate, counts);
    report.created = toCreate.length;
    report.written = true;
    return report;
  }

  /**
   * The error report of an uploaded file: its rejected rows as uploaded, each with its reasons in `lang` (what a
   * dry run would reject; nothing is written). The caller holds a place in `importGate`, as for an import.
   */
  async errorReport(actor: Actor, buffer: Buffer, lang: Lang): Promise<Buffer> {
    const { report, rows, counts } = await this.check(actor, buffer);
    auditRead(this.ctx, actor, {
      action: 'client.import_check',
      objectType: 'client',
      fields: [...LEDGER_HEADINGS],
      detail: `error report: ${report.valid} valid, ${counts}; nothing written`,
    });
    const byRow = new Map(rows.map((row) => [row.rowNumber, row]));
    return writeErrorReport(
      report.rejected.map(({ row, reasons }) => ({
        row,
        cells: byRow.get(row)?.cells ?? {},
        reasons: reasons.map((r) => labelledMessage(r.column, fieldMessage(r.code, lang, r.params) ?? r.code, lang)),
      })),
    );
  }

  /** Reads and checks a file: the report (nothing created yet), the rows to create, the rows as read. */
  private async check(actor: Actor, buffer: Buffer) {
    const parsed = await this.readUpload(buffer);
    if (parsed.missingHeadings.length)
      throw new AppError('care.ledger_unreadable', [{ path: 'file', code: 'care.ledger_no_headings' }]);
    const areas = await listAreasInScopeForLedger(this.ctx.db, actor.scopePrefixes);
    const report: ImportReport = {
      total: parsed.rows.length,
      valid: 0,
      created: 0,
      toCreate: 0,
      skippedExisting: 0,
      rejected: [],
      written: false,
    };
    const valid = await this.validRows(parsed.rows, areas, report);
    const { toCreate, heldBack } = await this.notYetClients(actor, valid, report);
    report.valid = valid.length - heldBack;
    report.toCreate = toCreate.length;
    if (heldBack) report.rejected.sort((a, b) => a.row - b.row);
    const counts = `${report.skippedExisting} existing, ${report.rejected.length} rejected (${heldBack} held back: matched a client outside the importer's view)`;
    return { report, toCreate, counts, rows: parsed.rows };
  }

  /** The rows that pass every check and do not repeat an ID number of the file; the others go to the report. */
  private async validRows(rows: LedgerRow[], areas: AreaRow[], report: ImportReport): Promise<ValidRow[]> {
    const valid: ValidRow[] = [];
    const seenIds = new Set<string>();
    for (const [index, row] of rows.entries()) {
      if (index % 2000 === 1999) await nextTurn(); // let other requests in between batches of a large file
      const result = validateLedgerRow(row, areas);
      if ('reasons' in result) {
        report.rejected.push({ row: row.rowNumber, reasons: result.reasons });
        continue;
      }
      const id = result.input.idNumber;
      if (id && seenIds.has(id)) {
        report.rejected.push({
          row: row.rowNumber,
          reasons: [{ column: '身份证号', code: 'care.ledger_id_repeated' }],
        });
        continue;
      }
      if (id) seenIds.add(id);
      valid.push(result);
    }
    return valid;
  }

  /** The valid rows that are nobody yet: a client the importer sees is skipped, one they may not see held back (F5). */
  private async notYetClients(
    actor: Actor,
    valid: ValidRow[],
    report: ImportReport,
  ): Promise<{ toCreate: ValidRow[]; heldBack: number }> {
    const existing = await this.existingKeys(actor, valid);
    const toCreate: ValidRow[] = [];
    let heldBack = 0;
    for (const row of valid) {
      const match = existing(row.input);
      if (match === 'visible') report.skippedExisting += 1;
      else if (match === 'hidden') {
        heldBack += 1;
        report.rejected.push({ row: row.rowNumber, reasons: [HELD_BACK_REASON] });
      } else toCreate.push(row);
    }
    return { toCreate, heldBack };
  }

  /** Writes the new clients (with their tier and first planned visit) and the import's audit row, in one transaction. */
  private async writeImport(actor: Actor, toCreate: ValidRow[], counts: string): Promise<void> {
    const now = this.ctx.clock.now();
    const today = chinaToday(now);
    const policies = new Map<string, EffectivePolicy>();
    for (const code of new Set(toCreate.map((r) => r.input.communityCode)))
      policies.set(code, await policyFor(this.ctx.db, code));
    // Rows are built in chunks while the previous chunk is being written (one transaction throughout): Node
    // encrypts and plans chunk k+1 while PostgreSQL inserts chunk k.
    const CHUNK = 5000;
    await this.ctx.db.transaction(async (tx) => {
      let writing: Promise<void> = Promise.resolve();
      for (let start = 0; start < toCreate.length; start += CHUNK) {
        const batch = importBatchFor(this.ctx, actor, toCreate.slice(start, start + CHUNK), policies, now, today);
        await writing;
        writing = insertImportBatch(tx, batch);
      }
      await writing;
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.import',
        objectType: 'client',
        fields: [...LEDGER_HEADINGS],
        detail: `${toCreate.length} created, ${counts}`,
      });
    });
  }

  /**
   * Re-importing the same file creates nothing: a row matches an existing client by ID number, or by pinyin +
   * birth date in the community. Looked up for all rows at once, in chunks, rather than a query per row.
   * A match is 'visible' when the actor may see one of the matching clients (clientPolicy.canRead: in scope, and
   * not a minor hidden from them), else 'hidden' (finding F5).
   */
  private async existingKeys(actor: Actor, rows: ValidRow[]): Promise<(input: ClientInput) => Existing> {
    const now = this.ctx.clock.now();
    const note = (known: Map<string, Existing>, key: string, facts: Parameters<typeof clientPolicy.canRead>[1]) => {
      if (known.get(key) !== 'visible') known.set(key, clientPolicy.canRead(actor, facts, now) ? 'visible' : 'hidden');
    };
    const bidxOf = (input: ClientInput) =>
      input.idNumber ? this.ctx.cipher.blindIndex(parseIdNumber(input.idNumber)!.idNumber) : null;
    const personOf = (input: ClientInput) => {
      const birth = input.idNumber ? parseIdNumber(input.idNumber)!.birthDate : input.birthDate;
      return birth ? `${nameSearchKeys(input.name).pinyin}|${birth}|${input.communityCode}` : null;
    };
    const bidxs = [...new Set(rows.map((r) => bidxOf(r.input)).filter((b): b is string => Boolean(b)))];
    const pinyins = [...new Set(rows.map((r) => nameSearchKeys(r.input.name).pinyin))];
    const communities = [...new Set(rows.map((r) => r.input.communityCode))];
    const knownBidx = new Map<string, Existing>();
    const knownPeople = new Map<string, Existing>();
    // Chunks of 1,000 keys, four lookups at a time (the pool has connections to spare; PGlite queues them).
    const lookups: (() => Promise<void>)[] = [];
    for (let i = 0; i < bidxs.length; i += 1000) {
      const chunk = bidxs.slice(i, i + 1000);
      lookups.push(async () => {
        for (const c of await existingIdIndexes(this.ctx.db, chunk)) note(knownBidx, c.bidx, c);
      });
    }
    for (let i = 0; i < pinyins.length && communities.length; i += 1000) {
      const chunk = pinyins.slice(i, i + 1000);
      lookups.push(async () => {
        for (const c of await existingPeople(this.ctx.db, communities, chunk))
          note(knownPeople, `${c.pinyin}|${c.birthDate}|${c.areaCode}`, c);
      });
    }
    for (let i = 0; i < lookups.length; i += 4) await Promise.all(lookups.slice(i, i + 4).map((run) => run()));
    return (input) => {
      const bidx = bidxOf(input);
      const person = personOf(input);
      const byId = bidx !== null ? (knownBidx.get(bidx) ?? null) : null;
      const byPerson = person !== null ? (knownPeople.get(person) ?? null) : null;
      return byId === 'visible' || byPerson === 'visible' ? 'visible' : (byId ?? byPerson);
    };
  }
}
