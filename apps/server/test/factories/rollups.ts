import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../src/platform/db';

/**
 * The overdue rows kept per worker, grid and community in each wider area (migration 0042) and the folded base
 * summed the same way: what they must always be equal to after a fold or a rebuild. Zero rows left out on both sides.
 */
export async function overdueByGroupAndBase(db: DbOrTx) {
  const kept = await queryRows(
    db,
    sql`SELECT area_code, grouped_by, key, d1to7, d8to30, over30 FROM care_overdue_by_group
        WHERE d1to7 <> 0 OR d8to30 <> 0 OR over30 <> 0 ORDER BY 1, 2, 3`,
  );
  const summed = await queryRows(
    db,
    sql`SELECT left(r.area_code, l.n) AS area_code, k.g AS grouped_by,
          CASE k.g WHEN 'w' THEN r.assignee_id WHEN 'g' THEN r.grid_code ELSE r.area_code END AS key,
          sum(r.d1to7)::int AS d1to7, sum(r.d8to30)::int AS d8to30, sum(r.over30)::int AS over30
        FROM care_overdue_rollup r CROSS JOIN (VALUES (2), (4), (6), (9)) AS l (n)
          CROSS JOIN (VALUES ('w'), ('g'), ('c')) AS k (g)
        GROUP BY 1, 2, 3 HAVING sum(r.d1to7) <> 0 OR sum(r.d8to30) <> 0 OR sum(r.over30) <> 0 ORDER BY 1, 2, 3`,
  );
  return { kept, summed };
}
