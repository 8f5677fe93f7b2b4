-- The server's job runner (platform/jobs.ts, ADR 0007): one row per recurring job. Every server process registers
-- the same jobs and tries to claim a due one with a single UPDATE (next_run_at passed, no live lease); the process
-- that wins runs it under a lease and, when done, sets the next run, so across processes each run happens once.
CREATE TABLE job_schedules (
  name text PRIMARY KEY,
  every_ms bigint NOT NULL CHECK (every_ms > 0),
  -- When the next run is due: the slot a claim takes.
  next_run_at timestamptz NOT NULL,
  -- The lease of the run in progress (renewed while it runs) and who holds it (host:pid:random).
  locked_until timestamptz,
  locked_by text,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  -- The last failure's message (kept after a success, shown with consecutive_failures = 0).
  last_error text,
  last_error_at timestamptz,
  -- What the last run handled (rows delivered, sealed…), when the job says.
  last_handled integer,
  runs bigint NOT NULL DEFAULT 0,
  failures bigint NOT NULL DEFAULT 0,
  consecutive_failures integer NOT NULL DEFAULT 0
);

-- Each finished run of a recurring job, newest kept per job (the 'jobs.prune' job trims it): the admin page's recent
-- runs, and the evidence that a slot ran once (test/jobs-two-processes.test.ts).
CREATE TABLE job_runs (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  -- The schedule's next_run_at that this run claimed.
  slot timestamptz NOT NULL,
  runner text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  ok boolean NOT NULL,
  handled integer,
  error text
);
CREATE INDEX job_runs_name_idx ON job_runs (name, id);

GRANT SELECT, INSERT, UPDATE, DELETE ON job_schedules, job_runs TO linli_app;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE job_runs_id_seq TO linli_app;
