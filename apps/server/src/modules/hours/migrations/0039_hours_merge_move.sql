-- An area merge on a Citus cluster (issue 14, ADR 0009 change 6) cannot UPDATE area_code, the distribution column:
-- it copies the merged community's rows under the target's code and deletes the old ones (platform/shard-move.ts).
-- The append-only guard let only the UPDATE through, so such a merge failed. It now also lets a DELETE through, on a
-- Citus cluster only and only of a row whose area is already marked merged (the merge marks it before it moves the
-- rows; areas is a reference table, read on the node that holds the shard). On one PostgreSQL and PGlite nothing
-- changes: a merge re-codes by UPDATE, and every DELETE is refused.
CREATE OR REPLACE FUNCTION hour_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'area_code') = (to_jsonb(OLD) - 'area_code') THEN
    RETURN NEW;
  END IF;
  -- Nested: OLD is assigned in a row-level trigger only (this function also guards TRUNCATE, statement-level).
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus')
       AND EXISTS (SELECT 1 FROM areas WHERE code = OLD.area_code AND status = 'merged') THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'hour_entries is append-only: book a reversing entry instead';
END;
$$;
