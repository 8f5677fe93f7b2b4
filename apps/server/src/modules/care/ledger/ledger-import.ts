import { randomUUID } from 'node:crypto';
import { type Tier, parseIdNumber } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import type { AppContext } from '../../../platform/context';
import type { DbOrTx } from '../../../platform/db';
import { TimeSlicer } from '../../../platform/time-slice';
import type { AreaRow } from '../../org';
import { newClientRow } from '../clients/client-record';
import type { NewClient } from '../clients/clients.repository';
import { clientPolicy } from '../clients/clients.policy';
import { nameSearchKeys } from '../clients/names';
import { policyFor } from '../policies/planning';
import { nextVisitWindow } from '../policies/tier-policy';
import type { LedgerReason, LedgerRow } from './ledger-format';
import { type FirstVisitPlan, existingIdIndexes, insertImportChunk, peopleOfCommunity } from './ledger.repository';
import { type ValidRow, validateLedgerRow } from './ledger-rows';

// One import (or dry run, or error report) worked through batch by batch as the file is read: rows checked, matched
// against existing clients, and (when writing) turned into client rows; ledger.service.ts reads the file and holds
// the transaction.

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

type Existing = 'visible' | 'hidden' | null;

/** A row that passed the checks: the keys it is matched by and, when the run writes, its client row. */
interface Candidate {
  rowNumber: number;
  cells: LedgerRow['cells'];
  bidx: string | null;
  /** Pinyin, birth date and community, matched together; null without a birth date. */
  person: { pinyin: string; birthDate: string; areaCode: string } | null;
  client: NewClient | null;
}

const personKey = (p: { pinyin: string; birthDate: string; areaCode: string }) =>
  `${p.pinyin}|${p.birthDate}|${p.areaCode}`;

/**
 * The state of one run across batches: the report so far, the ID numbers seen (a repeat is rejected), the existing
 * clients of the communities met so far (by pinyin + birth date), and for an error report the rejected rows' cells.
 */
export class ImportRun {
  readonly report: ImportReport = {
    total: 0,
    valid: 0,
    created: 0,
    toCreate: 0,
    skippedExisting: 0,
    rejected: [],
    written: false,
  };
  private heldBack = 0;
  readonly rejectedCells = new Map<number, LedgerRow['cells']>();
  private readonly seenIds = new Set<string>();
  /** By community: its clients' pinyin + birth date keys, as the register was before the run. */
  private readonly people = new Map<string, Map<string, Existing>>();
  /** Checking a batch (validation, encryption, pinyin) takes ~100 ms: other requests get turns in between. */
  private readonly slicer = new TimeSlicer();

  constructor(
    private readonly ctx: AppContext,
    private readonly actor: Actor,
    private readonly areas: AreaRow[],
    /** build: make client rows (a run that writes); keepCells: keep the rejected rows' cells (an error report). */
    private readonly mode: { build: boolean; keepCells: boolean; now: Date },
  ) {}

  /** Stops making client rows (an all-or-nothing run that has met a rejected row writes nothing). */
  stopBuilding(): void {
    this.mode.build = false;
  }

  /**
   * Checks a batch of rows and matches the valid ones against existing clients on `db` (the run's transaction
   * when it writes); returns the client rows to create (none unless building).
   */
  async check(db: DbOrTx, rows: LedgerRow[]): Promise<NewClient[]> {
    this.report.total += rows.length;
    const candidates = await this.candidates(rows);
    const existing = await this.existing(db, candidates);
    const toCreate: NewClient[] = [];
    candidates.forEach((c, i) => {
      const match = existing[i];
      if (match === 'visible') this.report.skippedExisting += 1;
      else if (match === 'hidden') {
        this.heldBack += 1;
        this.reject(c.rowNumber, c.cells, [HELD_BACK_REASON]);
        return;
      } else {
        this.report.toCreate += 1;
        if (c.client) toCreate.push(c.client);
      }
      this.report.valid += 1;
    });
    return toCreate;
  }

  /** The counts for the audit row; rejected rows in row order. */
  finish(): string {
    if (this.heldBack) this.report.rejected.sort((a, b) => a.row - b.row);
    return `${this.report.skippedExisting} existing, ${this.report.rejected.length} rejected (${this.heldBack} held back: matched a client outside the importer's view)`;
  }

  private reject(row: number, cells: LedgerRow['cells'], reasons: LedgerReason[]): void {
    this.report.rejected.push({ row, reasons });
    if (this.mode.keepCells) this.rejectedCells.set(row, cells);
  }

  /** The rows that pass every check and do not repeat an ID number of the file; the others go to the report. */
  private async candidates(rows: LedgerRow[]): Promise<Candidate[]> {
    const candidates: Candidate[] = [];
    for (const row of rows) {
      if (this.slicer.due) await this.slicer.pause();
      const result = validateLedgerRow(row, this.areas);
      if ('reasons' in result) {
        this.reject(row.rowNumber, row.cells, result.reasons);
        continue;
      }
      const id = result.input.idNumber;
      if (id && this.seenIds.has(id)) {
        this.reject(row.rowNumber, row.cells, [{ column: '身份证号', code: 'care.ledger_id_repeated' }]);
        continue;
      }
      if (id) this.seenIds.add(id);
      candidates.push(this.candidate(result, row.cells));
    }
    return candidates;
  }

  /** A valid row's match keys, taken from its client row when building one (so each is computed once). */
  private candidate(valid: ValidRow, cells: LedgerRow['cells']): Candidate {
    const { input } = valid;
    const keep = this.mode.keepCells ? cells : {};
    if (this.mode.build) {
      const client = newClientRow(this.ctx, this.actor, randomUUID(), input, input.communityCode);
      // One time for the whole import (a column with one value travels once, see columnarInsert).
      client.createdAt = client.updatedAt = this.mode.now;
      if (valid.tier) Object.assign(client, { tier: valid.tier, tierSince: this.mode.now });
      const { namePinyin, birthDate, areaCode } = client;
      const person = birthDate ? { pinyin: namePinyin, birthDate, areaCode } : null;
      return { rowNumber: valid.rowNumber, cells: keep, bidx: client.idNumberBidx ?? null, person, client };
    }
    const id = input.idNumber ? parseIdNumber(input.idNumber)! : null;
    const birthDate = id?.birthDate ?? input.birthDate ?? null;
    return {
      rowNumber: valid.rowNumber,
      cells: keep,
      bidx: id ? this.ctx.cipher.blindIndex(id.idNumber) : null,
      person: birthDate
        ? { pinyin: nameSearchKeys(input.name).pinyin, birthDate, areaCode: input.communityCode }
        : null,
      client: null,
    };
  }

  /**
   * Re-importing the same file creates nothing: a row matches an existing client by ID number (one lookup per
   * batch), or by pinyin + birth date in the community (the community's clients looked up once, when a row first
   * names it: before the run has written any row there, so never one of its own). A match is 'visible' when the
   * actor may see one of the matching clients (clientPolicy.canRead: in scope, and not a minor hidden from them),
   * else 'hidden' (F5). A run never matches a row against one it wrote itself by ID number either: a repeated ID
   * number is rejected before it is looked up.
   */
  private async existing(db: DbOrTx, candidates: Candidate[]): Promise<Existing[]> {
    const knownBidx = new Map<string, Existing>();
    const bidxs = [...new Set(candidates.flatMap((c) => (c.bidx ? [c.bidx] : [])))];
    for (const c of await existingIdIndexes(db, bidxs)) this.note(knownBidx, c.bidx, c);
    for (const { person } of candidates)
      if (person && !this.people.has(person.areaCode)) await this.lookUpCommunity(db, person.areaCode);
    return candidates.map((c) => {
      const id = c.bidx !== null ? (knownBidx.get(c.bidx) ?? null) : null;
      const person = c.person ? (this.people.get(c.person.areaCode)!.get(personKey(c.person)) ?? null) : null;
      return id === 'visible' || person === 'visible' ? 'visible' : (id ?? person);
    });
  }

  /** The pinyin + birth date keys of a community's clients, each visible to the actor or not. */
  private async lookUpCommunity(db: DbOrTx, areaCode: string): Promise<void> {
    const known = new Map<string, Existing>();
    for (const c of await peopleOfCommunity(db, areaCode)) this.note(known, personKey(c), c);
    this.people.set(areaCode, known);
  }

  private note(known: Map<string, Existing>, key: string, facts: Parameters<typeof clientPolicy.canRead>[1]): void {
    if (known.get(key) !== 'visible')
      known.set(key, clientPolicy.canRead(this.actor, facts, this.ctx.clock.now()) ? 'visible' : 'hidden');
  }
}

/**
 * Writes an import's client rows chunk by chunk in its transaction, one chunk in flight while the next is read and
 * checked: each tiered client with its tier change and first planned visit, by its community's policy.
 */
export class ChunkWriter {
  private writing: Promise<void> = Promise.resolve();
  private readonly plans = new Map<string, FirstVisitPlan[]>();

  constructor(
    private readonly tx: DbOrTx,
    private readonly by: { actorId: string; at: Date; today: string },
  ) {}

  /** Waits for the chunk in flight, then sends this one without waiting for it. */
  async write(rows: NewClient[]): Promise<void> {
    await this.writing;
    if (rows.length === 0) return;
    const plans = await this.plansFor(new Set(rows.flatMap((r) => (r.tier ? [r.areaCode] : []))));
    this.writing = insertImportChunk(this.tx, rows, plans, this.by);
    this.writing.catch(() => undefined); // seen by the next write() or by done()
  }

  /** Waits for the last chunk. */
  done(): Promise<void> {
    return this.writing;
  }

  /** The first-visit plans of these communities, each community's policy looked up once per import. */
  private async plansFor(communities: Set<string>): Promise<FirstVisitPlan[]> {
    const plans: FirstVisitPlan[] = [];
    for (const code of communities) {
      let known = this.plans.get(code);
      if (!known) {
        const policy = await policyFor(this.tx, code);
        known = (['red', 'yellow', 'blue'] as Tier[]).map((tier) => ({
          areaCode: code,
          tier,
          ...nextVisitWindow(this.by.today, tier, policy.rules),
          policyId: policy.id,
        }));
        this.plans.set(code, known);
      }
      plans.push(...known);
    }
    return plans;
  }
}
