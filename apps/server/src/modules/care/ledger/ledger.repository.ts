import { and, asc, inArray } from 'drizzle-orm';
import { inScope } from '../../../platform/access';
import { insertColumnar } from '../../../platform/bulk-insert';
import type { DbOrTx } from '../../../platform/db';
import { type AreaRow, areas } from '../../org';
import type { NewClient } from '../clients/clients.repository';
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
