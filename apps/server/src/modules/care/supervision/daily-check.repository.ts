import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../../platform/db';

/** Overdue planned visits per assignee from the overdue rollup (base + deltas, migration 0008), as of its day. */
export async function overdueByAssignee(db: DbOrTx): Promise<{ assigneeId: string; overdue: number }[]> {
  const rows = await queryRows<{ assignee_id: string; overdue: number | string }>(
    db,
    sql`SELECT assignee_id, sum(d1to7 + d8to30 + over30) AS overdue
          FROM (SELECT assignee_id, d1to7, d8to30, over30 FROM care_overdue_rollup
                UNION ALL SELECT assignee_id, d1to7, d8to30, over30 FROM care_overdue_delta) r
         WHERE assignee_id <> ''
         GROUP BY assignee_id
        HAVING sum(d1to7 + d8to30 + over30) > 0
         ORDER BY assignee_id`,
  );
  return rows.map((r) => ({ assigneeId: r.assignee_id, overdue: Number(r.overdue) }));
}

/** Whether the daily check of `day` has been done already (its events are in the outbox). */
export async function dailyCheckDone(db: DbOrTx, type: string, day: string): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`SELECT 1 FROM event_outbox WHERE type = ${type} AND payload->>'day' = ${day} LIMIT 1`,
  );
  return rows.length > 0;
}
