-- Maintained rollups for the supervision dashboard (GET /api/care/overdue), so a city-wide view reads a few
-- thousand small rows instead of scanning ten million visits. They are exact at every commit and can be rebuilt
-- from `visits` at any time (care_rebuild_* below); a test and the benchmark compare them with the naive aggregate.
--
-- Writers never update a shared row: a statement-level trigger on `visits` appends the statement's net change to a
-- delta table (inserts never wait for each other), and a folder (`care_fold_rollups`, every few seconds, one at a
-- time) moves deltas into the base tables. Readers sum base + delta, which is exact under any snapshot because a
-- fold deletes deltas and updates the base in one transaction.
--
-- Rollup rows carry the visit's community and grid so the same jurisdiction filter (community or grid prefix)
-- applies; '' stands for "no grid" / "unassigned" so the keys can be primary keys on PostgreSQL 15 and 18 alike.
-- Rollups hold counts only: no names, no per-person values.

-- On-time rate: done visits (with a tier) per community, grid, tier and calendar month of the visit. Each visit
-- counts twice: in its grid's row and in its community's total row (grid_code '*'), so a street or district view
-- sums one row per community and tier instead of one per grid.
CREATE TABLE care_ontime_rollup (
  area_code text NOT NULL,
  grid_code text NOT NULL,
  tier text NOT NULL,
  month date NOT NULL,
  done integer NOT NULL,
  on_time integer NOT NULL,
  PRIMARY KEY (area_code, grid_code, tier, month)
);
-- The dashboard reads the last three months of a jurisdiction; older months stay for reports.
CREATE INDEX care_ontime_rollup_month_idx ON care_ontime_rollup (month, grid_code, area_code text_pattern_ops);
CREATE TABLE care_ontime_delta (
  area_code text NOT NULL,
  grid_code text NOT NULL,
  tier text NOT NULL,
  month date NOT NULL,
  done integer NOT NULL,
  on_time integer NOT NULL
);

-- Overdue planned visits in ageing buckets as of one day (`care_rollup_state.overdue_as_of`). The buckets move
-- every day, so the first dashboard request of a new day rebuilds this table (one indexed scan of the overdue
-- planned visits); between rebuilds the trigger keeps it exact.
CREATE TABLE care_overdue_rollup (
  area_code text NOT NULL,
  grid_code text NOT NULL,
  assignee_id text NOT NULL,
  d1to7 integer NOT NULL,
  d8to30 integer NOT NULL,
  over30 integer NOT NULL,
  PRIMARY KEY (area_code, grid_code, assignee_id)
);
CREATE TABLE care_overdue_delta (
  area_code text NOT NULL,
  grid_code text NOT NULL,
  assignee_id text NOT NULL,
  d1to7 integer NOT NULL,
  d8to30 integer NOT NULL,
  over30 integer NOT NULL
);

CREATE TABLE care_rollup_state (
  id integer PRIMARY KEY CHECK (id = 1),
  overdue_as_of date
);
INSERT INTO care_rollup_state (id, overdue_as_of) VALUES (1, NULL);

-- The rebuild of the overdue rollup reads planned visits whose window has closed.
CREATE INDEX visits_planned_window_end_idx ON visits (window_end) WHERE status = 'planned';

-- Advisory locks: 727401 is shared by writers and the folder, exclusive for a rebuild (a rebuild never misses a
-- change in flight); 727402 lets one folder run at a time.

-- Statement-level triggers with transition tables: a statement's changed rows become one set of deltas (a
-- 100,000-row import appends a few rows, not 100,000 trigger calls). Each row contributes -1 as it was (old_rows)
-- and +1 as it is (new_rows); unchanged contributions cancel out and write nothing.
CREATE FUNCTION care_visits_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  as_of date;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(727401);
  SELECT overdue_as_of INTO as_of FROM care_rollup_state WHERE id = 1;
  -- The same two appends per event; each branch names only the transition tables its trigger has.
  IF TG_OP = 'INSERT' THEN
    WITH d AS (SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, 1 AS sign FROM new_rows)
    INSERT INTO care_ontime_delta (area_code, grid_code, tier, month, done, on_time)
    SELECT d.area_code, g.code, d.tier, date_trunc('month', d.visited_on)::date,
           sum(d.sign)::int, sum(CASE WHEN d.visited_on <= d.window_end THEN d.sign ELSE 0 END)::int
    FROM d CROSS JOIN LATERAL (VALUES (coalesce(d.grid_code, '')), ('*')) AS g(code)
    WHERE d.status = 'done' AND d.tier IS NOT NULL AND d.visited_on IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.sign) <> 0 OR sum(CASE WHEN d.visited_on <= d.window_end THEN d.sign ELSE 0 END) <> 0;
    IF as_of IS NOT NULL THEN
      WITH d AS (SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, 1 AS sign FROM new_rows)
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
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, -1 AS sign FROM old_rows)
    INSERT INTO care_ontime_delta (area_code, grid_code, tier, month, done, on_time)
    SELECT d.area_code, g.code, d.tier, date_trunc('month', d.visited_on)::date,
           sum(d.sign)::int, sum(CASE WHEN d.visited_on <= d.window_end THEN d.sign ELSE 0 END)::int
    FROM d CROSS JOIN LATERAL (VALUES (coalesce(d.grid_code, '')), ('*')) AS g(code)
    WHERE d.status = 'done' AND d.tier IS NOT NULL AND d.visited_on IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.sign) <> 0 OR sum(CASE WHEN d.visited_on <= d.window_end THEN d.sign ELSE 0 END) <> 0;
    IF as_of IS NOT NULL THEN
      WITH d AS (SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, -1 AS sign FROM old_rows)
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
  ELSE
    WITH d AS (SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, -1 AS sign FROM old_rows UNION ALL SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, 1 FROM new_rows)
    INSERT INTO care_ontime_delta (area_code, grid_code, tier, month, done, on_time)
    SELECT d.area_code, g.code, d.tier, date_trunc('month', d.visited_on)::date,
           sum(d.sign)::int, sum(CASE WHEN d.visited_on <= d.window_end THEN d.sign ELSE 0 END)::int
    FROM d CROSS JOIN LATERAL (VALUES (coalesce(d.grid_code, '')), ('*')) AS g(code)
    WHERE d.status = 'done' AND d.tier IS NOT NULL AND d.visited_on IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.sign) <> 0 OR sum(CASE WHEN d.visited_on <= d.window_end THEN d.sign ELSE 0 END) <> 0;
    IF as_of IS NOT NULL THEN
      WITH d AS (SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, -1 AS sign FROM old_rows UNION ALL SELECT area_code, grid_code, assignee_id, status, tier, visited_on, window_end, 1 FROM new_rows)
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
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER visits_rollup_insert AFTER INSERT ON visits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION care_visits_rollup_trigger();
CREATE TRIGGER visits_rollup_update AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION care_visits_rollup_trigger();
CREATE TRIGGER visits_rollup_delete AFTER DELETE ON visits REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION care_visits_rollup_trigger();

-- Moves the deltas into the base tables (keys in order, so lock order is fixed); returns the number of base rows
-- touched, or -1 when another fold is running.
CREATE FUNCTION care_fold_rollups() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  touched integer;
  more integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727402) THEN
    RETURN -1;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(727401);
  WITH moved AS (DELETE FROM care_ontime_delta RETURNING *)
  INSERT INTO care_ontime_rollup AS r (area_code, grid_code, tier, month, done, on_time)
  SELECT area_code, grid_code, tier, month, sum(done)::int, sum(on_time)::int FROM moved
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (area_code, grid_code, tier, month)
  DO UPDATE SET done = r.done + excluded.done, on_time = r.on_time + excluded.on_time;
  GET DIAGNOSTICS touched = ROW_COUNT;
  WITH moved AS (DELETE FROM care_overdue_delta RETURNING *)
  INSERT INTO care_overdue_rollup AS r (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
  SELECT area_code, grid_code, assignee_id, sum(d1to7)::int, sum(d8to30)::int, sum(over30)::int FROM moved
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (area_code, grid_code, assignee_id)
  DO UPDATE SET d1to7 = r.d1to7 + excluded.d1to7, d8to30 = r.d8to30 + excluded.d8to30, over30 = r.over30 + excluded.over30;
  GET DIAGNOSTICS more = ROW_COUNT;
  RETURN touched + more;
END $$;

-- Recomputes the on-time rollup from visits (after a bulk load that bypassed triggers, or to repair).
CREATE FUNCTION care_rebuild_ontime() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(727401);
  DELETE FROM care_ontime_delta;
  DELETE FROM care_ontime_rollup;
  INSERT INTO care_ontime_rollup (area_code, grid_code, tier, month, done, on_time)
  SELECT area_code, coalesce(grid_code, '*'), tier, month, done, on_time FROM (
    SELECT area_code, coalesce(grid_code, '') AS grid_code, tier, date_trunc('month', visited_on)::date AS month,
           count(*)::int AS done, count(*) FILTER (WHERE visited_on <= window_end)::int AS on_time
    FROM visits
    WHERE status = 'done' AND tier IS NOT NULL AND visited_on IS NOT NULL
    GROUP BY GROUPING SETS ((area_code, coalesce(grid_code, ''), tier, date_trunc('month', visited_on)),
                           (area_code, tier, date_trunc('month', visited_on)))
  ) per_grid_and_community;
END $$;

-- Recomputes the overdue rollup as of a day unless it already is (force = true recomputes anyway).
CREATE FUNCTION care_rebuild_overdue(p_as_of date, force boolean DEFAULT false) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(727401);
  IF NOT force AND (SELECT overdue_as_of FROM care_rollup_state WHERE id = 1) IS NOT DISTINCT FROM p_as_of THEN
    RETURN;
  END IF;
  DELETE FROM care_overdue_delta;
  DELETE FROM care_overdue_rollup;
  INSERT INTO care_overdue_rollup (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
  SELECT area_code, coalesce(grid_code, ''), coalesce(assignee_id::text, ''),
         count(*) FILTER (WHERE p_as_of - window_end <= 7)::int,
         count(*) FILTER (WHERE p_as_of - window_end BETWEEN 8 AND 30)::int,
         count(*) FILTER (WHERE p_as_of - window_end > 30)::int
  FROM visits
  WHERE status = 'planned' AND window_end < p_as_of
  GROUP BY 1, 2, 3;
  UPDATE care_rollup_state SET overdue_as_of = p_as_of WHERE id = 1;
END $$;

SELECT care_rebuild_ontime();
ANALYZE care_ontime_rollup;
