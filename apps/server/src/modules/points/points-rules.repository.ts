// Earning rules (per district, versioned by effective date) and the earnings kept per hours entry.
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { pointEarnings, pointRules } from './points.tables';

export type PointRuleRow = typeof pointRules.$inferSelect;
export type PointEarningRow = typeof pointEarnings.$inferSelect;

/** The rule in force in a district on a date (the latest version that took effect on or before it), or null. */
export async function ruleInForce(db: DbOrTx, districtCode: string, onDate: string): Promise<PointRuleRow | null> {
  const [row] = await db
    .select()
    .from(pointRules)
    .where(and(eq(pointRules.areaCode, districtCode), lte(pointRules.effectiveFrom, onDate)))
    .orderBy(desc(pointRules.effectiveFrom))
    .limit(1);
  return row ?? null;
}

export function listRules(db: DbOrTx, districtCode: string): Promise<PointRuleRow[]> {
  return db
    .select()
    .from(pointRules)
    .where(eq(pointRules.areaCode, districtCode))
    .orderBy(desc(pointRules.effectiveFrom));
}

/** Inserts a rule version; a version on the same date replaces nothing: false when one exists already. */
export async function insertRule(db: DbOrTx, row: typeof pointRules.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(pointRules)
    .values(row)
    .onConflictDoNothing({ target: [pointRules.areaCode, pointRules.effectiveFrom] })
    .returning({ id: pointRules.id });
  return inserted.length === 1;
}

/** The earning of an hours entry, by the entry's community (its area code) and id: one shard group. */
export async function findEarning(
  db: DbOrTx,
  entry: { id: string; areaCode: string },
): Promise<PointEarningRow | null> {
  const [row] = await db
    .select()
    .from(pointEarnings)
    .where(and(eq(pointEarnings.areaCode, entry.areaCode), eq(pointEarnings.entryId, entry.id)));
  return row ?? null;
}

/** Points earned (net of reversals) by a volunteer in a district in a month: what the monthly cap counts. */
export async function earnedInMonth(db: DbOrTx, volunteerId: string, districtCode: string, month: string) {
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${pointEarnings.points}), 0)` })
    .from(pointEarnings)
    .where(
      and(
        eq(pointEarnings.volunteerId, volunteerId),
        eq(pointEarnings.districtCode, districtCode),
        eq(pointEarnings.month, month),
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * The area key as the one conflict target, although entry_id alone is unique too: two transactions never insert one
 * entry's earning at once (each holds the hours entry row it books), and a target-less DO NOTHING would also swallow
 * a second reversal of one entry (point_earnings_one_reversal), which must fail.
 */
export async function insertEarning(db: DbOrTx, row: typeof pointEarnings.$inferInsert): Promise<void> {
  await db
    .insert(pointEarnings)
    .values(row)
    .onConflictDoNothing({ target: [pointEarnings.areaCode, pointEarnings.entryId] });
}
