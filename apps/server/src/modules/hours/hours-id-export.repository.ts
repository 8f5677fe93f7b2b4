import { and, desc, eq, inArray, ne, or } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { users } from '../users';
import { hourExportRequests } from './hours-id-export.tables';

export type HourExportRequestRow = typeof hourExportRequests.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function insertHourExportRequest(db: DbOrTx, row: HourExportRequestRow): Promise<void> {
  await db.insert(hourExportRequests).values(row);
}

export async function findHourExportRequest(db: DbOrTx, id: string): Promise<HourExportRequestRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(hourExportRequests).where(eq(hourExportRequests.id, id));
  return row ?? null;
}

/**
 * The requests a user sees, newest first (as care's listExportRequests): their own, the ones they decided, and for
 * someone who may approve (`approverPrefixes`) those whose covering area lies in that jurisdiction — pending ones,
 * or decided ones in the 已处理 view.
 */
export function listHourExportRequests(
  db: DbOrTx,
  userId: string,
  approverPrefixes: readonly string[] | null,
  view?: 'pending' | 'decided',
) {
  const r = hourExportRequests;
  const mine = eq(r.requesterId, userId);
  const pending = eq(r.status, 'pending');
  const inArea = approverPrefixes ? inScope(r.areaCode, approverPrefixes) : undefined;
  const decidedByMe = eq(r.decidedBy, userId);
  const visible =
    view === 'decided'
      ? and(ne(r.status, 'pending'), inArea ? or(mine, decidedByMe, inArea) : or(mine, decidedByMe))
      : view === 'pending'
        ? and(pending, inArea ? or(mine, inArea) : mine)
        : inArea
          ? or(mine, decidedByMe, and(pending, inArea))
          : or(mine, decidedByMe);
  return db.select().from(r).where(visible).orderBy(desc(r.createdAt), desc(r.id)).limit(200);
}

/** Records the decision on a request that is still pending; false when it no longer is. */
export async function decideHourExportRequest(
  db: DbOrTx,
  id: string,
  patch: Partial<HourExportRequestRow>,
): Promise<boolean> {
  const done = await db
    .update(hourExportRequests)
    .set(patch)
    .where(and(eq(hourExportRequests.id, id), eq(hourExportRequests.status, 'pending')))
    .returning({ id: hourExportRequests.id });
  return done.length > 0;
}

/** Marks an approved request downloaded (it is claimed once); false when it was not approved or already taken. */
export async function claimHourExportDownload(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const claimed = await db
    .update(hourExportRequests)
    .set({ status: 'downloaded', downloadedAt: at })
    .where(and(eq(hourExportRequests.id, id), eq(hourExportRequests.status, 'approved')))
    .returning({ id: hourExportRequests.id });
  return claimed.length > 0;
}

export async function setHourExportRowCount(db: DbOrTx, id: string, rowCount: number): Promise<void> {
  await db.update(hourExportRequests).set({ rowCount }).where(eq(hourExportRequests.id, id));
}

/** Display names of the staff who asked and decided (a read-only lookup in the users module's table). */
export function staffNames(db: DbOrTx, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
}
