import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { cases } from '../cases/cases.tables';
import { consents } from '../consents/consents.tables';
import { referrals } from '../referrals/referrals.tables';
import { assessments, tierChanges } from '../tiers/tiers.tables';
import { visits } from '../visits/visits.tables';
import { clientMerges, clients } from './clients.tables';

/** Tables whose rows follow a client through a merge (by client_id). */
const MOVABLE = { visits, assessments, tier_changes: tierChanges, cases, referrals, consents } as const;
type MovableName = keyof typeof MOVABLE;
const MOVABLE_ENTRIES = Object.entries(MOVABLE) as [MovableName, (typeof MOVABLE)[MovableName]][];

/** The names of the tables a merge moves rows of (the audit row lists them). */
export const MOVED_WITH_CLIENT: string[] = Object.keys(MOVABLE);

export type MergeRow = typeof clientMerges.$inferSelect;

export async function findMerge(db: DbOrTx, id: string): Promise<MergeRow | null> {
  const [row] = await db.select().from(clientMerges).where(eq(clientMerges.id, id));
  return row ?? null;
}

export function insertMerge(db: DbOrTx, row: MergeRow) {
  return db.insert(clientMerges).values(row);
}

/** Moves every row of the movable tables from one client to another; returns the ids moved, per table. */
export async function moveClientRows(db: DbOrTx, fromId: string, toId: string): Promise<Record<string, string[]>> {
  const moved: Record<string, string[]> = {};
  for (const [name, table] of MOVABLE_ENTRIES) {
    const rows = await db
      .update(table)
      .set({ clientId: toId } as never)
      .where(eq(table.clientId, fromId))
      .returning({ id: table.id });
    moved[name] = rows.map((m) => m.id);
  }
  return moved;
}

/** Moves exactly the recorded rows back to the client they came from (an undo). */
export async function moveRowsBack(db: DbOrTx, moved: Record<string, string[]>, clientId: string): Promise<void> {
  for (const [name, table] of MOVABLE_ENTRIES) {
    const ids = moved[name] ?? [];
    if (ids.length)
      await db
        .update(table)
        .set({ clientId } as never)
        .where(inArray(table.id, ids));
  }
}

/** Gives a merged-away client its status back and clears `merged_into` (the version moves on). */
export function unmergeClient(db: DbOrTx, id: string, status: string, at: Date) {
  return db
    .update(clients)
    .set({ status: status as 'active', mergedInto: null, version: sql`${clients.version} + 1`, updatedAt: at })
    .where(eq(clients.id, id));
}

/** Marks a merge undone, unless it already is. */
export function markMergeUndone(db: DbOrTx, id: string, by: string, at: Date) {
  return db
    .update(clientMerges)
    .set({ undoneAt: at, undoneBy: by })
    .where(and(eq(clientMerges.id, id), isNull(clientMerges.undoneAt)));
}
