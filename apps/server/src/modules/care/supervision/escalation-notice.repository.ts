import { and, eq, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { visits } from '../visits/visits.tables';

/** Communities with a planned visit past its window (the escalation check looks at each one's policy). */
export async function areasWithOverdue(db: DbOrTx, today: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ areaCode: visits.areaCode })
    .from(visits)
    .where(and(eq(visits.status, 'planned'), lt(visits.windowEnd, today)));
  return rows.map((r) => r.areaCode);
}

/** Planned visits of one community whose window ended on one of `windowEnds`. */
export function plannedEndingOn(db: DbOrTx, areaCode: string, windowEnds: string[]) {
  return db
    .select({ id: visits.id, areaCode: visits.areaCode, windowEnd: visits.windowEnd })
    .from(visits)
    .where(and(eq(visits.status, 'planned'), eq(visits.areaCode, areaCode), inArray(visits.windowEnd, windowEnds)));
}
