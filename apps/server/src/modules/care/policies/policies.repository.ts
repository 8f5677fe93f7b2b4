import { and, desc, eq, inArray, isNotNull, like, sql } from 'drizzle-orm';
import { scopePrefix } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { preparedOn, UNNAMED } from '../../../platform/prepared-queries';
import { clients } from '../clients/clients.tables';
import { visits } from '../visits/visits.tables';
import { tierPolicies } from './policies.tables';

export type PolicyRow = typeof tierPolicies.$inferSelect;
export type NewPolicy = typeof tierPolicies.$inferInsert;

/**
 * The newest policy of the community, else of its district: the most specific area wins, then the newest version.
 * Built once per database handle (prepared-queries.ts): every client detail and recorded visit reads it.
 */
export async function latestPolicy(db: DbOrTx, communityCode: string, districtCode: string) {
  const query = preparedOn(db, 'care.latestPolicy', (d) =>
    d
      .select()
      .from(tierPolicies)
      .where(inArray(tierPolicies.areaCode, [sql.placeholder('community'), sql.placeholder('district')]))
      .orderBy(desc(tierPolicies.version))
      .prepare(UNNAMED),
  );
  const rows = await query.execute({ community: communityCode, district: districtCode });
  return rows.find((r) => r.areaCode === communityCode) ?? rows.find((r) => r.areaCode === districtCode) ?? null;
}

export async function findPolicy(db: DbOrTx, id: string): Promise<PolicyRow | null> {
  const [row] = await db.select().from(tierPolicies).where(eq(tierPolicies.id, id));
  return row ?? null;
}

/** The area's own newest policy version (not an inherited one), or null when it has none. */
export async function newestOwnPolicy(db: DbOrTx, areaCode: string): Promise<PolicyRow | null> {
  const [row] = await db
    .select()
    .from(tierPolicies)
    .where(eq(tierPolicies.areaCode, areaCode))
    .orderBy(desc(tierPolicies.version))
    .limit(1);
  return row ?? null;
}

export function insertPolicy(db: DbOrTx, row: NewPolicy) {
  return db.insert(tierPolicies).values(row);
}

/** Active tiered clients under an area that have an open visit, each with the date of their last visit done. */
export function clientsToReplan(db: DbOrTx, areaCode: string) {
  return db
    .select({
      client: clients,
      lastVisit: sql<
        string | null
      >`(SELECT max(v.visited_on)::text FROM visits v WHERE v.client_id = clients.id AND v.area_code = clients.area_code AND v.status = 'done')`,
    })
    .from(clients)
    .where(
      and(
        like(clients.areaCode, `${scopePrefix(areaCode)}%`),
        isNotNull(clients.tier),
        eq(clients.status, 'active'),
        sql`EXISTS (SELECT 1 FROM ${visits} v WHERE v.client_id = clients.id AND v.area_code = clients.area_code AND v.status = 'planned')`,
      ),
    );
}
