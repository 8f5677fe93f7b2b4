-- The on-time rollup's rebuild (0008) without GROUPING SETS, which Citus refuses on a distributed table (issue 14):
-- the per-grid rows first, then each community's totals ('*') summed from them. The same rows as before, and the
-- second pass reads the rollup (a few rows per community and month), not the visits again.
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
END $$;
