-- Overdue visits per worker, per grid and per community in each street, district, city and province, kept with the
-- folded rollup (issue 13 goal 3: a district dashboard in 10 ms). A district's dashboard at city scale grouped its
-- 5,600 overdue rollup rows three times on every view (by worker, grid and community) and sorted each grouping for
-- its worst 20: by worker ~5 ms of the database's CPU alone. Here each worker, grid and community has one row per
-- wider area (`grouped_by` 'w', 'g', 'c'; `key` the worker's id, the grid's or the community's code, '' for none), so
-- the worst 20 are the first 20 entries of an index and the number of groups with overdue visits a count over it.
--
-- Kept like the summaries of 0041, by the same transactions that change the folded base: the fold adds the deltas it
-- moves (one statement with the base's own update, so no delta is counted twice or missed), and the daily rebuild
-- recomputes it from the base. It equals the base rollup summed by `left(area_code, n)` and group for n in 2, 4, 6
-- and 9 (a community's code is 12 digits); a row whose counts fall to zero stays until the next rebuild. On one
-- PostgreSQL and PGlite a dashboard adds the deltas not yet folded (exact); on Citus it reads this table alone, as
-- it reads the summaries (behind by at most one fold). A plain table on the coordinator (src/db/distribution.ts),
-- filled from the summary (the base's copy, also there), so that on Citus the rebuild is one local statement.
CREATE TABLE care_overdue_by_group (
  area_code text NOT NULL,
  grouped_by text NOT NULL,
  key text NOT NULL,
  d1to7 integer NOT NULL,
  d8to30 integer NOT NULL,
  over30 integer NOT NULL,
  PRIMARY KEY (area_code, grouped_by, key)
);
-- The dashboard's order, worst first, the bucket of no worker or no grid ('') after a group with the same counts (as
-- NULLIF(…) sorts it in the grouped statement); only groups with something overdue.
CREATE INDEX care_overdue_by_group_worst_idx ON care_overdue_by_group
  (area_code, grouped_by, over30 DESC, d8to30 DESC, d1to7 DESC, (key = ''), key)
  WHERE d1to7 + d8to30 + over30 > 0;


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
    RETURNING r.area_code, r.grid_code, r.assignee_id, r.d1to7, r.d8to30, r.over30),
  by_group AS (
    INSERT INTO care_overdue_by_group AS w (area_code, grouped_by, key, d1to7, d8to30, over30)
    SELECT left(m.area_code, l.n), k.g,
      CASE k.g WHEN 'w' THEN m.assignee_id WHEN 'g' THEN m.grid_code ELSE m.area_code END,
      sum(m.d1to7)::int, sum(m.d8to30)::int, sum(m.over30)::int
    FROM moved m CROSS JOIN (VALUES (2), (4), (6), (9)) AS l (n) CROSS JOIN (VALUES ('w'), ('g'), ('c')) AS k (g)
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (area_code, grouped_by, key)
    DO UPDATE SET d1to7 = w.d1to7 + excluded.d1to7, d8to30 = w.d8to30 + excluded.d8to30, over30 = w.over30 + excluded.over30)
  INSERT INTO care_overdue_summary AS s (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
  SELECT area_code, grid_code, assignee_id, d1to7, d8to30, over30 FROM folded
  ON CONFLICT (area_code, grid_code, assignee_id)
  DO UPDATE SET d1to7 = excluded.d1to7, d8to30 = excluded.d8to30, over30 = excluded.over30;
  GET DIAGNOSTICS more = ROW_COUNT;
  RETURN touched + more;
END $$;

-- The daily rebuild of 0041, ending with the per-group rows recomputed from the base it has just rebuilt.
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
  DELETE FROM care_overdue_by_group;
  INSERT INTO care_overdue_by_group (area_code, grouped_by, key, d1to7, d8to30, over30)
  SELECT left(s.area_code, l.n), k.g, CASE k.g WHEN 'w' THEN s.assignee_id WHEN 'g' THEN s.grid_code ELSE s.area_code END,
    sum(s.d1to7)::int, sum(s.d8to30)::int, sum(s.over30)::int
  FROM care_overdue_summary s CROSS JOIN (VALUES (2), (4), (6), (9)) AS l (n) CROSS JOIN (VALUES ('w'), ('g'), ('c')) AS k (g)
  GROUP BY 1, 2, 3;
  UPDATE care_rollup_state SET overdue_as_of = p_as_of WHERE id = 1;
END $$;

INSERT INTO care_overdue_by_group (area_code, grouped_by, key, d1to7, d8to30, over30)
SELECT left(s.area_code, l.n), k.g, CASE k.g WHEN 'w' THEN s.assignee_id WHEN 'g' THEN s.grid_code ELSE s.area_code END,
  sum(s.d1to7)::int, sum(s.d8to30)::int, sum(s.over30)::int
FROM care_overdue_summary s CROSS JOIN (VALUES (2), (4), (6), (9)) AS l (n) CROSS JOIN (VALUES ('w'), ('g'), ('c')) AS k (g)
GROUP BY 1, 2, 3;
