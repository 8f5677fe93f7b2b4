import { and, desc, eq, ne, or } from 'drizzle-orm';
import { inScope } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { users } from '../../users';
import { exportRequests } from './exports.tables';

export type ExportRequestRow = typeof exportRequests.$inferSelect;

export function insertExportRequest(db: DbOrTx, row: ExportRequestRow) {
  return db.insert(exportRequests).values(row);
}

export async function findExportRequest(db: DbOrTx, id: string): Promise<ExportRequestRow | null> {
  const [row] = await db.select().from(exportRequests).where(eq(exportRequests.id, id));
  return row ?? null;
}

/**
 * The requests a user sees, newest first: their own, the ones they decided, and (`approverPrefixes`, for someone who
 * may approve) those whose covering area lies in that jurisdiction — pending ones, or decided ones for the 已处理 view.
 * `view` narrows to pending or decided requests; without it, all of the above.
 */
export function listExportRequests(
  db: DbOrTx,
  userId: string,
  approverPrefixes: readonly string[] | null,
  view?: 'pending' | 'decided',
) {
  const mine = eq(exportRequests.requesterId, userId);
  const pending = eq(exportRequests.status, 'pending');
  const inArea = approverPrefixes ? inScope(exportRequests.areaCode, approverPrefixes) : undefined;
  const decidedByMe = eq(exportRequests.decidedBy, userId);
  const visible =
    view === 'decided'
      ? and(ne(exportRequests.status, 'pending'), inArea ? or(mine, decidedByMe, inArea) : or(mine, decidedByMe))
      : view === 'pending'
        ? and(pending, inArea ? or(mine, inArea) : mine)
        : inArea
          ? or(mine, decidedByMe, and(pending, inArea))
          : or(mine, decidedByMe);
  return db.select().from(exportRequests).where(visible).orderBy(desc(exportRequests.createdAt)).limit(200);
}

/** Records the decision on a request that is still pending; false when it no longer is. */
export async function decideExportRequest(db: DbOrTx, id: string, patch: Partial<ExportRequestRow>): Promise<boolean> {
  const done = await db
    .update(exportRequests)
    .set(patch)
    .where(and(eq(exportRequests.id, id), eq(exportRequests.status, 'pending')))
    .returning({ id: exportRequests.id });
  return done.length > 0;
}

/** Marks an approved request downloaded (it can be claimed once); false when it was not approved or already taken. */
export async function claimDownload(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const claimed = await db
    .update(exportRequests)
    .set({ status: 'downloaded', downloadedAt: at })
    .where(and(eq(exportRequests.id, id), eq(exportRequests.status, 'approved')))
    .returning({ id: exportRequests.id });
  return claimed.length > 0;
}

export function setRowCount(db: DbOrTx, id: string, rowCount: number) {
  return db.update(exportRequests).set({ rowCount }).where(eq(exportRequests.id, id));
}

/** Display names of the requesting staff (a read-only lookup in the users module's table). */
export function requesterNames(db: DbOrTx, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(or(...ids.map((id) => eq(users.id, id))));
}
