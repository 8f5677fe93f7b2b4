import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { communityPlaces } from './places.tables';

export type PlaceRow = typeof communityPlaces.$inferSelect;

export function listPlaces(db: DbOrTx, communityCode: string, includeInactive: boolean): Promise<PlaceRow[]> {
  return db
    .select()
    .from(communityPlaces)
    .where(
      and(eq(communityPlaces.areaCode, communityCode), includeInactive ? undefined : eq(communityPlaces.active, true)),
    )
    .orderBy(asc(communityPlaces.kind), asc(communityPlaces.name), asc(communityPlaces.id))
    .limit(1000);
}

export async function findPlace(db: DbOrTx, id: string): Promise<PlaceRow | null> {
  const [row] = await db.select().from(communityPlaces).where(eq(communityPlaces.id, id));
  return row ?? null;
}

export async function insertPlace(db: DbOrTx, row: typeof communityPlaces.$inferInsert): Promise<void> {
  await db.insert(communityPlaces).values(row);
}

/** Applies a change when the row is still at `version`; false when someone else changed it first. */
export async function updatePlace(
  db: DbOrTx,
  id: string,
  version: number,
  changes: Partial<typeof communityPlaces.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(communityPlaces)
    .set({ ...changes, rowVersion: version + 1 })
    .where(and(eq(communityPlaces.id, id), eq(communityPlaces.rowVersion, version)))
    .returning({ id: communityPlaces.id });
  return rows.length === 1;
}
