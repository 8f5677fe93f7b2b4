import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { type ClientVisibility, visibleClients } from '../clients/clients.repository';
import { clients } from '../clients/clients.tables';
import { households } from './households.tables';

export type HouseholdRow = typeof households.$inferSelect;
export type NewHousehold = typeof households.$inferInsert;

export async function findHousehold(db: DbOrTx, id: string): Promise<HouseholdRow | null> {
  const [row] = await db.select().from(households).where(eq(households.id, id));
  return row ?? null;
}

export function insertHousehold(db: DbOrTx, row: NewHousehold) {
  return db.insert(households).values(row);
}

/** The household's members the actor may see, with their tier and next due visit. */
export function householdMembers(db: DbOrTx, householdId: string, visibility: ClientVisibility) {
  return db
    .select({
      id: clients.id,
      name: clients.name,
      tier: clients.tier,
      nextVisitDue: sql<
        string | null
      >`(SELECT min(v.due_date)::text FROM visits v WHERE v.client_id = clients.id AND v.area_code = clients.area_code AND v.status = 'planned')`,
    })
    .from(clients)
    .where(and(eq(clients.householdId, householdId), visibleClients(visibility)));
}
