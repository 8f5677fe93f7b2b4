import { and, asc, inArray, sql } from 'drizzle-orm';
import { inScope } from '../../../platform/access';
import { insertColumnar } from '../../../platform/bulk-insert';
import { type Db, type DbOrTx, queryRows } from '../../../platform/db';
import { type AreaRow, areas } from '../../org';
import {
  type ClientFilter,
  type ClientVisibility,
  type NewClient,
  clientListWhere,
  tierRank,
} from '../clients/clients.repository';
import { clients } from '../clients/clients.tables';
import type { NewTierChange } from '../tiers/tiers.repository';
import { tierChanges } from '../tiers/tiers.tables';
import type { NewVisit, NewVisitEvent } from '../visits/visits.repository';
import { visitEvents, visits } from '../visits/visits.tables';

/** What one chunk of an import writes: clients, and for tiered rows a tier change, a planned visit and its event. */
export interface ImportBatch {
  clients: NewClient[];
  tierChanges: NewTierChange[];
  visits: NewVisit[];
  visitEvents: NewVisitEvent[];
}

/** Areas the ledger may name (communities and grids in the jurisdiction), to resolve names to codes. */
export function listAreasInScopeForLedger(db: DbOrTx, prefixes: readonly string[]): Promise<AreaRow[]> {
  return db.select().from(areas).where(inScope(areas.code, prefixes)).orderBy(asc(areas.code));
}

/** What the client policy needs to decide whether the importer may see a matching client (finding F5). */
const visibilityFacts = {
  areaCode: clients.areaCode,
  gridCode: clients.gridCode,
  birthDate: clients.birthDate,
  assigneeId: clients.assigneeId,
  status: clients.status,
};

/** Existing clients (anywhere) with these blind indexes of ID numbers, with the facts that decide who may see them. */
export async function existingIdIndexes(db: DbOrTx, bidxs: string[]) {
  if (bidxs.length === 0) return [];
  const rows = await db
    .select({ bidx: clients.idNumberBidx, ...visibilityFacts })
    .from(clients)
    .where(inArray(clients.idNumberBidx, bidxs));
  return rows.filter((r): r is typeof r & { bidx: string } => Boolean(r.bidx));
}

/** Existing clients with these pinyin keys in these communities (for the pinyin + birth date match). */
export async function existingPeople(db: DbOrTx, communities: string[], pinyins: string[]) {
  const rows = await db
    .select({ pinyin: clients.namePinyin, ...visibilityFacts })
    .from(clients)
    .where(and(inArray(clients.areaCode, communities), inArray(clients.namePinyin, pinyins)));
  return rows.filter((r) => r.birthDate !== null);
}

/** Writes an import: each table in column arrays, 5,000 rows per statement (see insertColumnar). */
export async function insertImportBatch(tx: DbOrTx, batch: ImportBatch): Promise<void> {
  await insertColumnar(tx, clients, batch.clients);
  await insertColumnar(tx, tierChanges, batch.tierChanges);
  await insertColumnar(tx, visits, batch.visits);
  await insertColumnar(tx, visitEvents, batch.visitEvents);
}

/** The columns a ledger export needs (nothing else is read). */
export interface LedgerSourceRow {
  id: string;
  name: string;
  sex: string | null;
  idNumberEnc: string | null;
  idNumberMasked: string | null;
  birthDate: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  areaCode: string;
  gridCode: string | null;
  address: string | null;
  categories: string[];
  tier: string | null;
  disabilityCategory: string | null;
  disabilityGrade: string | null;
  emergencyContactName: string | null;
  emergencyPhoneEnc: string | null;
  emergencyPhoneMasked: string | null;
}

/**
 * Walks the whole filtered list in list order through one server-side cursor (one sort, however long the list),
 * handing over batches; returns the number of rows. Replaces paging with OFFSET, which re-sorted the list and
 * re-counted it for every page.
 */
export async function forEachClientInListOrder(
  db: Db,
  visibility: ClientVisibility,
  filter: Omit<ClientFilter, 'page' | 'pageSize'>,
  batchSize: number,
  onBatch: (rows: LedgerSourceRow[]) => Promise<void> | void,
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`DECLARE ledger_rows NO SCROLL CURSOR FOR
      SELECT clients.id, clients.name, clients.sex, clients.id_number_enc, clients.id_number_masked, clients.birth_date::text AS birth_date,
             clients.phone_enc, clients.phone_masked, clients.area_code, clients.grid_code, clients.address, clients.categories, clients.tier,
             clients.disability_category, clients.disability_grade, clients.emergency_contact_name, clients.emergency_phone_enc,
             clients.emergency_phone_masked
      FROM clients WHERE ${clientListWhere(visibility, filter)}
      ORDER BY ${tierRank}, clients.name_pinyin, clients.id`);
    let total = 0;
    for (;;) {
      const rows = await queryRows<Record<string, unknown>>(
        tx,
        sql`FETCH ${sql.raw(String(Math.trunc(batchSize)))} FROM ledger_rows`,
      );
      total += rows.length;
      if (rows.length) await onBatch(rows.map(toLedgerSourceRow));
      if (rows.length < batchSize) break;
    }
    await tx.execute(sql`CLOSE ledger_rows`);
    return total;
  });
}

function toLedgerSourceRow(r: Record<string, unknown>): LedgerSourceRow {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    name: String(r.name),
    sex: text(r.sex),
    idNumberEnc: text(r.id_number_enc),
    idNumberMasked: text(r.id_number_masked),
    birthDate: text(r.birth_date),
    phoneEnc: text(r.phone_enc),
    phoneMasked: text(r.phone_masked),
    areaCode: String(r.area_code),
    gridCode: text(r.grid_code),
    address: text(r.address),
    categories: Array.isArray(r.categories) ? r.categories.map(String) : [],
    tier: text(r.tier),
    disabilityCategory: text(r.disability_category),
    disabilityGrade: text(r.disability_grade),
    emergencyContactName: text(r.emergency_contact_name),
    emergencyPhoneEnc: text(r.emergency_phone_enc),
    emergencyPhoneMasked: text(r.emergency_phone_masked),
  };
}
