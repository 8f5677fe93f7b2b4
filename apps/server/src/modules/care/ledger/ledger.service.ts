import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type ClientInput,
  type Lang,
  type LedgerImportReport,
  fieldMessage,
  labelledMessage,
  parseIdNumber,
} from '@linli/contracts';
import { type Actor, codeInPrefixes } from '../../../platform/access';
import { ConcurrencyGate } from '../../../platform/concurrency-gate';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import type { AreaRow } from '../../org';
import { newClientRow } from '../clients/client-record';
import { forEachClientInListOrder } from '../clients/clients.repository';
import { clientPolicy, clientVisibility } from '../clients/clients.policy';
import type { ClientsService } from '../clients/clients.service';
import { nameSearchKeys } from '../clients/names';
import { describeFilter } from '../exports/exports.service';
import { type EffectivePolicy, policyFor } from '../policies/planning';
import { nextVisitWindow } from '../policies/tier-policy';
import {
  LEDGER_HEADINGS,
  LedgerLimitError,
  type LedgerReason,
  type LedgerRow,
  readLedger,
  writeLedgerStreaming,
} from './ledger-format';
import {
  existingIdIndexes,
  existingPeople,
  type ImportBatch,
  insertImportBatch,
  listAreasInScopeForLedger,
} from './ledger.repository';
import { ledgerCells, validateLedgerRow, type ValidRow } from './ledger-rows';

export interface ImportOptions {
  dryRun: boolean;
  allOrNothing: boolean;
}

export interface ImportReport {
  total: number;
  valid: number;
  created: number;
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
    const parsed = await this.readUpload(buffer);
    if (parsed.missingHeadings.length)
      throw new AppError('care.ledger_unreadable', [{ path: 'file', code: 'care.ledger_no_headings' }]);
    const areas = await listAreasInScopeForLedger(this.ctx.db, actor.scopePrefixes);
    const report: ImportReport = {
      total: parsed.rows.length,
      valid: 0,
      created: 0,
      skippedExisting: 0,
      rejected: [],
      written: false,
    };
    const valid = await this.validRows(parsed.rows, areas, report);
    const { toCreate, heldBack } = await this.notYetClients(actor, valid, report);
    report.valid = valid.length - heldBack;
    if (heldBack) report.rejected.sort((a, b) => a.row - b.row);
    const counts = `${report.skippedExisting} existing, ${report.rejected.length} rejected (${heldBack} held back: matched a client outside the importer's view)`;
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
        const batch = this.importRowsFor(actor, toCreate.slice(start, start + CHUNK), policies, now, today);
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

  /** The rows one chunk of an import writes: clients, and for tiered rows a tier change, a planned visit and its event. */
  private importRowsFor(
    actor: Actor,
    rows: ValidRow[],
    policies: Map<string, EffectivePolicy>,
    now: Date,
    today: string,
  ): ImportBatch {
    const batch: ImportBatch = { clients: [], tierChanges: [], visits: [], visitEvents: [] };
    for (const row of rows) {
      const id = randomUUID();
      const client = newClientRow(this.ctx, actor, id, row.input, row.input.communityCode);
      batch.clients.push(row.tier ? { ...client, tier: row.tier, tierSince: now } : client);
      if (!row.tier) continue;
      const policy = policies.get(row.input.communityCode)!;
      batch.tierChanges.push({
        id: randomUUID(),
        clientId: id,
        areaCode: row.input.communityCode,
        fromTier: null,
        toTier: row.tier,
        reason: null,
        status: 'applied',
        requestedBy: actor.userId,
        decidedBy: actor.userId,
        decidedAt: now,
        createdAt: now,
      });
      const visitId = randomUUID();
      batch.visits.push({
        id: visitId,
        clientId: id,
        areaCode: row.input.communityCode,
        gridCode: row.input.gridCode ?? null,
        assigneeId: client.assigneeId ?? null,
        ...nextVisitWindow(today, row.tier, policy.rules),
        mode: 'home',
        status: 'planned',
        tier: row.tier,
        policyId: policy.id,
        services: [],
        createdAt: now,
        updatedAt: now,
      });
      batch.visitEvents.push({
        id: randomUUID(),
        visitId,
        status: 'planned',
        note: 'ledger import',
        actorId: actor.userId,
        at: now,
      });
    }
    return batch;
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

  /**
   * The current filtered list as a ledger. Masked by default; `unmasked` is only passed by an approved export
   * request (exports.service.ts), and the watermark then names the request.
   */
  async exportClients(
    actor: Actor,
    query: Parameters<ClientsService['list']>[1],
    unmasked?: { requestId: string; prefixes: string[] },
  ): Promise<{ buffer: Buffer; count: number }> {
    for (const code of [query.communityCode, query.gridCode]) {
      if (code && !codeInPrefixes(code, actor.scopePrefixes)) throw new AppError('area.not_found');
    }
    const areas = new Map(
      (await listAreasInScopeForLedger(this.ctx.db, actor.scopePrefixes)).map((a) => [a.code, a.name]),
    );
    const now = this.ctx.clock.now();
    const when = `${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} 北京时间`;
    const watermark = unmasked
      ? `${actor.displayName}（${actor.username}）导出于 ${when} · 未脱敏 · 审批单 ${unmasked.requestId.slice(0, 8)} · 仅限工作使用，不得外传`
      : `${actor.displayName}（${actor.username}）导出于 ${when} · 已脱敏`;
    const firstIds: string[] = [];
    let rowCount = 0;
    const filter = { ...query, overdueOn: query.overdue === 'true' ? chinaToday(now) : undefined };
    const buffer = await writeLedgerStreaming(
      async (add) => {
        // An approved unmasked export is bounded by the areas of its approval (F3), not by the requester's whole scope.
        const visibility = unmasked
          ? { ...clientVisibility(actor, now), prefixes: unmasked.prefixes }
          : clientVisibility(actor, now);
        rowCount = await forEachClientInListOrder(this.ctx.db, visibility, filter, 2000, (batch) => {
          for (const r of batch) {
            if (firstIds.length < 100) firstIds.push(r.id);
            add({ cells: ledgerCells(r, areas, Boolean(unmasked), (enc) => this.ctx.cipher.decrypt(enc)) });
          }
        });
      },
      '兜底服务对象台账',
      watermark,
    );
    await this.ctx.db.transaction((tx) =>
      auditInTx(this.ctx, tx, actor, {
        action: unmasked ? 'client.export_unmasked' : 'client.export',
        objectType: 'client',
        objectIds: firstIds,
        fields: [...LEDGER_HEADINGS],
        detail: `${unmasked ? `UNMASKED, request ${unmasked.requestId}, areas ${unmasked.prefixes.join(',')}` : 'masked'}; ${rowCount} rows; filter ${describeFilter({ ...query, page: undefined, pageSize: undefined })}`,
      }),
    );
    return { buffer, count: rowCount };
  }
}
