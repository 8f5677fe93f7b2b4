import { and, desc, eq, inArray, isNotNull, like, sql } from 'drizzle-orm';
import { scopePrefix } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { clients } from '../clients/clients.tables';
import { visits } from '../visits/visits.tables';
import { tierPolicies } from './policies.tables';

export type PolicyRow = typeof tierPolicies.$inferSelect;
export type NewPolicy = typeof tierPolicies.$inferInsert;

export async function latestPolicy(db: DbOrTx, areaCodes: string[]) {
  if (areaCodes.length === 0) return null;
  const rows = await db
    .select()
    .from(tierPolicies)
    .where(inArray(tierPolicies.areaCode, areaCodes))
    .orderBy(desc(tierPolicies.version));
  // The most specific area wins (community before district), then the newest version.
  for (const code of areaCodes) {
    const found = rows.find((r) => r.areaCode === code);
    if (found) return found;
  }
  return null;
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
