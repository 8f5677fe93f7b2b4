-- The folded rollups, copied where a wide dashboard reads them in one place (issue 14, ADR 0009 "Dashboards and
-- rollups"). On a Citus cluster the rollups are distributed with the visits they count, so a street, district or
-- city dashboard read them with one task per shard: 140–740 ms on the test cluster, against a goal of 10 ms. These
-- two tables are kept equal to the base rollups (migration 0008) by the same transactions that change the base — the
-- fold (every few seconds) and the two rebuilds — and stay on the coordinator, where such a dashboard is one local
-- query. They lag the live figures by the deltas not yet folded (at most one fold interval, 5 s); a community's
-- dashboard, one shard anyway, still reads base plus deltas and is exact. On one PostgreSQL and PGlite they are kept
-- all the same (a few rows a fold) but not read: there the live sum is one local query already.
CREATE TABLE care_ontime_summary (
  area_code text NOT NULL,
  grid_code text NOT NULL,
  tier text NOT NULL,
  month date NOT NULL,
  done integer NOT NULL,
  on_time integer NOT NULL,
  PRIMARY KEY (area_code, grid_code, tier, month)
);
CREATE INDEX care_ontime_summary_month_idx ON care_ontime_summary (month, grid_code, area_code text_pattern_ops);
CREATE TABLE care_overdue_summary (
  area_code text NOT NULL,
  grid_code text NOT NULL,
  assignee_id text NOT NULL,
  d1to7 integer NOT NULL,
  d8to30 integer NOT NULL,
  over30 integer NOT NULL,
  PRIMARY KEY (area_code, grid_code, assignee_id)
);
CREATE INDEX care_overdue_summary_area_idx ON care_overdue_summary (area_code text_pattern_ops);

-- The fold of 0008, with each base row it changed copied to the summary in the same statement (RETURNING gives the
-- row as the fold left it, so the copy needs no second read of the base), and nothing written when there is nothing
-- to fold.
CREATE OR REPLACE FUNCTION care_fold_rollups() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  touched integer;
  more integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727402) THEN
    RETURN -1;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(727401);
  -- Nothing to fold (most runs when no visit was recorded): no DELETE, which on Citus writes every shard with a
  -- two-phase commit (0.5 s a run at city scale on the test cluster).
  IF NOT EXISTS (SELECT 1 FROM care_ontime_delta) AND NOT EXISTS (SELECT 1 FROM care_overdue_delta) THEN
    RETURN 0;
  END IF;
  WITH moved AS (DELETE FROM care_ontime_delta RETURNING *),
  folded AS (
    INSERT INTO care_ontime_rollup AS r (area_code, grid_code, tier, month, done, on_time)
    SELECT area_code, grid_code, tier, month, sum(done)::int, sum(on_time)::int FROM moved
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (area_code, grid_code, tier, month)
    DO UPDATE SET done = r.done + excluded.done, on_time = r.on_time + excluded.on_time
    RETURNING r.area_code, r.grid_code, r.tier, r.month, r.done, r.on_time)
  INSERT INTO care_ontime_summary AS s (area_code, grid_code, tier, month, done, on_time)
  SELECT area_code, grid_code, tier, month, done, on_time FROM folded
  ON CONFLICT (area_code, grid_code, tier, month) DO UPDATE SET done = excluded.done, on_time = excluded.on_time;
  GET DIAGNOSTICS touched = ROW_COUNT;
  WITH moved AS (DELETE FROM care_overdue_delta RETURNING *),
  folded AS (
    INSERT INTO care_overdue_rollup AS r (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
    SELECT area_code, grid_code, assignee_id, sum(d1to7)::int, sum(d8to30)::int, sum(over30)::int FROM moved
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (area_code, grid_code, assignee_id)
    DO UPDATE SET d1to7 = r.d1to7 + excluded.d1to7, d8to30 = r.d8to30 + excluded.d8to30, over30 = r.over30 + excluded.over30
    RETURNING r.area_code, r.grid_code, r.assignee_id, r.d1to7, r.d8to30, r.over30)
  INSERT INTO care_overdue_summary AS s (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
  SELECT area_code, grid_code, assignee_id, d1to7, d8to30, over30 FROM folded
  ON CONFLICT (area_code, grid_code, assignee_id)
  DO UPDATE SET d1to7 = excluded.d1to7, d8to30 = excluded.d8to30, over30 = excluded.over30;
  GET DIAGNOSTICS more = ROW_COUNT;
  RETURN touched + more;
END $$;

-- The rebuilds of 0035 and 0008, each ending with its summary copied whole from the base it has just rebuilt.
CREATE OR REPLACE FUNCTION care_rebuild_ontime() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(727401);
  DELETE FROM care_ontime_delta;
  DELETE FROM care_ontime_rollup;
  INSERT INTO care_ontime_rollup (area_code, grid_code, tier, month, done, on_time)
  SELECT area_code, coalesce(grid_code, ''), tier, date_trunc('month', visited_on)::date,
         count(*)::int, count(*) FILTER (WHERE visited_on <= window_end)::int
  FROM visits
  WHERE status = 'done' AND tier IS NOT NULL AND visited_on IS NOT NULL
  GROUP BY area_code, coalesce(grid_code, ''), tier, date_trunc('month', visited_on);
  INSERT INTO care_ontime_rollup (area_code, grid_code, tier, month, done, on_time)
  SELECT area_code, '*', tier, month, sum(done)::int, sum(on_time)::int
  FROM care_ontime_rollup
  WHERE grid_code <> '*'
  GROUP BY area_code, tier, month;
  DELETE FROM care_ontime_summary;
  INSERT INTO care_ontime_summary (area_code, grid_code, tier, month, done, on_time)
  SELECT area_code, grid_code, tier, month, done, on_time FROM care_ontime_rollup;
END $$;

CREATE OR REPLACE FUNCTION care_rebuild_overdue(p_as_of date, force boolean DEFAULT false) RETURNS void LANGUAGE plpgsql AS $$
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
  DELETE FROM care_overdue_summary;
  INSERT INTO care_overdue_summary (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
  SELECT area_code, grid_code, assignee_id, d1to7, d8to30, over30 FROM care_overdue_rollup;
  UPDATE care_rollup_state SET overdue_as_of = p_as_of WHERE id = 1;
END $$;

INSERT INTO care_ontime_summary (area_code, grid_code, tier, month, done, on_time)
SELECT area_code, grid_code, tier, month, done, on_time FROM care_ontime_rollup;
INSERT INTO care_overdue_summary (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
SELECT area_code, grid_code, assignee_id, d1to7, d8to30, over30 FROM care_overdue_rollup;
