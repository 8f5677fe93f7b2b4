-- The visits rollup trigger (0008) appends its deltas from a value instead of from the transition tables themselves.
-- Same deltas, same locks. Why: on Citus (issue 14) the trigger fires on the worker that holds the shard, and an
-- INSERT … SELECT into a distributed table is planned apart from the statement that fired it, where the transition
-- tables do not exist ("could not find named tuplestore"). The rows that can count are read from the transition
-- tables into one jsonb first (usually none or a few: an import of planned visits counts nothing), and the two
-- appends read that value.
CREATE OR REPLACE FUNCTION care_visits_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  as_of date;
  changed jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(727401);
  SELECT overdue_as_of INTO as_of FROM care_rollup_state WHERE id = 1;
  -- Each row contributes -1 as it was (old_rows) and +1 as it is (new_rows); only rows that count are kept: done
  -- visits with a tier (on-time rollup) and, when the overdue rollup is live, planned visits whose window closed.
  -- Each branch names only the transition tables its trigger has.
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(d) INTO changed FROM (
      SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, 1 AS sign FROM new_rows) d
    WHERE (d.status = 'done' AND d.tier IS NOT NULL AND d.visited_on IS NOT NULL)
       OR (d.status = 'planned' AND d.window_end < as_of);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(d) INTO changed FROM (
      SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, -1 AS sign FROM old_rows) d
    WHERE (d.status = 'done' AND d.tier IS NOT NULL AND d.visited_on IS NOT NULL)
       OR (d.status = 'planned' AND d.window_end < as_of);
  ELSE
    SELECT jsonb_agg(d) INTO changed FROM (
      SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, -1 AS sign FROM old_rows
      UNION ALL
      SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, 1 FROM new_rows) d
    WHERE (d.status = 'done' AND d.tier IS NOT NULL AND d.visited_on IS NOT NULL)
       OR (d.status = 'planned' AND d.window_end < as_of);
  END IF;
  IF changed IS NULL THEN
    RETURN NULL;
  END IF;
  WITH d AS (
    SELECT * FROM jsonb_to_recordset(changed) AS d(area_code text, grid_code text, assignee_id uuid, status text,
      tier text, visited_on date, window_end date, sign int)
  )
  INSERT INTO care_ontime_delta (area_code, grid_code, tier, month, done, on_time)
  SELECT d.area_code, g.code, d.tier, date_trunc('month', d.visited_on)::date,
         sum(d.sign)::int, sum(CASE WHEN d.visited_on <= d.window_end THEN d.sign ELSE 0 END)::int
  FROM d CROSS JOIN LATERAL (VALUES (coalesce(d.grid_code, '')), ('*')) AS g(code)
  WHERE d.status = 'done' AND d.tier IS NOT NULL AND d.visited_on IS NOT NULL
  GROUP BY 1, 2, 3, 4
  HAVING sum(d.sign) <> 0 OR sum(CASE WHEN d.visited_on <= d.window_end THEN d.sign ELSE 0 END) <> 0;
  IF as_of IS NOT NULL THEN
    WITH d AS (
      SELECT * FROM jsonb_to_recordset(changed) AS d(area_code text, grid_code text, assignee_id uuid, status text,
        tier text, visited_on date, window_end date, sign int)
    )
    INSERT INTO care_overdue_delta (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
    SELECT * FROM (
      SELECT d.area_code, coalesce(d.grid_code, '') AS grid_code, coalesce(d.assignee_id::text, '') AS assignee_id,
             sum(CASE WHEN as_of - d.window_end <= 7 THEN d.sign ELSE 0 END)::int AS a,
             sum(CASE WHEN as_of - d.window_end BETWEEN 8 AND 30 THEN d.sign ELSE 0 END)::int AS b,
             sum(CASE WHEN as_of - d.window_end > 30 THEN d.sign ELSE 0 END)::int AS c
      FROM d WHERE d.status = 'planned' AND d.window_end < as_of
      GROUP BY 1, 2, 3
    ) x WHERE a <> 0 OR b <> 0 OR c <> 0;
  END IF;
  RETURN NULL;
END $$;
