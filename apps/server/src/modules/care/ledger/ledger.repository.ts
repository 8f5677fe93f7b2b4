import type { Tier } from '@linli/contracts';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { inScope } from '../../../platform/access';
import { columnarInsert } from '../../../platform/bulk-insert';
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
import { tierChanges } from '../tiers/tiers.tables';
import { visitEvents, visits } from '../visits/visits.tables';

/** The first planned visit an import gives a client of this community and tier, and the policy that set it. */
export interface FirstVisitPlan {
  areaCode: string;
  tier: Tier;
  windowStart: string;
  dueDate: string;
  windowEnd: string;
  policyId: string | null;
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
    .where(sql`${clients.idNumberBidx} = ANY(${sql.param(bidxs)}::text[])`);
  return rows.filter((r): r is typeof r & { bidx: string } => Boolean(r.bidx));
}

/** The clients of a community with a birth date, with their pinyin keys (for the pinyin + birth date match). */
export async function peopleOfCommunity(db: DbOrTx, areaCode: string) {
  const rows = await db
    .select({ pinyin: clients.namePinyin, ...visibilityFacts })
    .from(clients)
    .where(and(eq(clients.areaCode, areaCode), isNotNull(clients.birthDate)));
  return rows.filter((r): r is typeof r & { birthDate: string } => r.birthDate !== null);
}

/**
 * Writes one chunk of an import in one statement: the clients (in column arrays, see columnarInsert) and, for each
 * client with a tier, the applied tier change, the first planned visit (its window and policy from `plans`, by
 * community and tier) and that visit's event. One statement rather than four: a round trip each and the rows for
 * the other three tables built by PostgreSQL from the clients it has just inserted. Every tiered client's community
 * must be in `plans`.
 */
export function insertImportChunk(
  tx: DbOrTx,
  rows: NewClient[],
  plans: FirstVisitPlan[],
  by: { actorId: string; at: Date },
): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  const actor = sql`${by.actorId}::uuid`;
  const at = sql`${by.at.toISOString()}::timestamptz`;
  const plan = (pick: (p: FirstVisitPlan) => string | null) => sql.param(plans.map(pick));
  // Not an async function: `rows` is garbage once the statement is built, not kept for as long as it runs. (then()
  // sends it: Drizzle sends a statement again on every then() of the query itself.)
  const statement = sql`WITH c AS (${columnarInsert(clients, rows)} RETURNING id, area_code, grid_code, assignee_id, tier),
    t AS (
      INSERT INTO ${tierChanges} (id, client_id, area_code, from_tier, to_tier, reason, status, requested_by, decided_by, decided_at, created_at)
      SELECT gen_random_uuid(), c.id, c.area_code, NULL, c.tier, NULL, 'applied', ${actor}, ${actor}, ${at}, ${at}
      FROM c WHERE c.tier IS NOT NULL),
    v AS (
      INSERT INTO ${visits} (id, client_id, area_code, grid_code, assignee_id, window_start, due_date, window_end, mode, status, tier, policy_id, services, created_at, updated_at)
      SELECT gen_random_uuid(), c.id, c.area_code, c.grid_code, c.assignee_id, p.window_start, p.due_date, p.window_end,
             'home', 'planned', c.tier, p.policy_id, '{}', ${at}, ${at}
      FROM c JOIN unnest(${plan((p) => p.areaCode)}::text[], ${plan((p) => p.tier)}::text[], ${plan((p) => p.windowStart)}::date[],
                         ${plan((p) => p.dueDate)}::date[], ${plan((p) => p.windowEnd)}::date[], ${plan((p) => p.policyId)}::uuid[])
               AS p(area_code, tier, window_start, due_date, window_end, policy_id)
        ON p.area_code = c.area_code AND p.tier = c.tier
      RETURNING id, area_code)
    INSERT INTO ${visitEvents} (id, visit_id, area_code, status, note, actor_id, at)
    SELECT gen_random_uuid(), v.id, v.area_code, 'planned', 'ledger import', ${actor}, ${at} FROM v`;
  return tx.execute(statement).then(() => undefined);
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
