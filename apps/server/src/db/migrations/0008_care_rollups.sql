-- Maintained rollups for the supervision dashboard (GET /api/care/overdue), so a city-wide view reads a few
-- thousand small rows instead of scanning ten million visits. Both are kept exact by a trigger on `visits`, in the
-- same transaction as the change, and can be rebuilt from `visits` at any time (care_rebuild_* below); a test and
-- the benchmark compare them with the naive aggregate.
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

CREATE TABLE care_rollup_state (
  id integer PRIMARY KEY CHECK (id = 1),
  overdue_as_of date
);
INSERT INTO care_rollup_state (id, overdue_as_of) VALUES (1, NULL);

-- The rebuild of the overdue rollup reads planned visits whose window has closed.
CREATE INDEX visits_planned_window_end_idx ON visits (window_end) WHERE status = 'planned';

-- Adds (sign = 1) or removes (sign = -1) one visit row's contribution to both rollups.
CREATE FUNCTION care_rollup_apply(v visits, sign integer, as_of date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  age integer;
BEGIN
  IF v.status = 'done' AND v.tier IS NOT NULL AND v.visited_on IS NOT NULL THEN
    INSERT INTO care_ontime_rollup AS r (area_code, grid_code, tier, month, done, on_time)
    SELECT v.area_code, g, v.tier, date_trunc('month', v.visited_on)::date, sign,
           CASE WHEN v.visited_on <= v.window_end THEN sign ELSE 0 END
    FROM unnest(ARRAY[coalesce(v.grid_code, ''), '*']) AS g
    ON CONFLICT (area_code, grid_code, tier, month)
    DO UPDATE SET done = r.done + excluded.done, on_time = r.on_time + excluded.on_time;
  END IF;
  IF as_of IS NOT NULL AND v.status = 'planned' AND v.window_end < as_of THEN
    age := as_of - v.window_end;
    INSERT INTO care_overdue_rollup AS r (area_code, grid_code, assignee_id, d1to7, d8to30, over30)
    VALUES (v.area_code, coalesce(v.grid_code, ''), coalesce(v.assignee_id::text, ''),
            CASE WHEN age <= 7 THEN sign ELSE 0 END,
            CASE WHEN age BETWEEN 8 AND 30 THEN sign ELSE 0 END,
            CASE WHEN age > 30 THEN sign ELSE 0 END)
    ON CONFLICT (area_code, grid_code, assignee_id)
    DO UPDATE SET d1to7 = r.d1to7 + excluded.d1to7, d8to30 = r.d8to30 + excluded.d8to30, over30 = r.over30 + excluded.over30;
  END IF;
END $$;

CREATE FUNCTION care_visits_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  as_of date;
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.tier IS NOT DISTINCT FROM OLD.tier
     AND NEW.visited_on IS NOT DISTINCT FROM OLD.visited_on AND NEW.window_end IS NOT DISTINCT FROM OLD.window_end
     AND NEW.area_code IS NOT DISTINCT FROM OLD.area_code AND NEW.grid_code IS NOT DISTINCT FROM OLD.grid_code
     AND NEW.assignee_id IS NOT DISTINCT FROM OLD.assignee_id THEN
    RETURN NULL;
  END IF;
  IF (TG_OP <> 'INSERT' AND OLD.status = 'planned') OR (TG_OP <> 'DELETE' AND NEW.status = 'planned') THEN
    -- Shared with other writers, exclusive for the daily rebuild: a rebuild never misses a change in flight.
    PERFORM pg_advisory_xact_lock_shared(727401);
    SELECT overdue_as_of INTO as_of FROM care_rollup_state WHERE id = 1;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM care_rollup_apply(OLD, -1, as_of); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM care_rollup_apply(NEW, 1, as_of); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER visits_rollup AFTER INSERT OR UPDATE OR DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION care_visits_rollup_trigger();

-- Recomputes the on-time rollup from visits (after a bulk load that bypassed triggers, or to repair).
CREATE FUNCTION care_rebuild_ontime() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE care_ontime_rollup IN EXCLUSIVE MODE;
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
