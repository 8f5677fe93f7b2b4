import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './db';
import { jobSchedules } from './jobs.tables';

/** The job runner's statements (platform/jobs.ts): one row per recurring job in job_schedules, runs in job_runs. */

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const asDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value));

/** Adds the rows of jobs not seen before (due at once); a changed interval takes effect from now at the latest. */
export async function ensureSchedules(db: Db, jobs: { name: string; everyMs: number }[], now: Date): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insert(jobSchedules)
    .values(jobs.map((job) => ({ name: job.name, everyMs: job.everyMs, nextRunAt: now })))
    .onConflictDoUpdate({
      target: jobSchedules.name,
      set: {
        everyMs: sql`excluded.every_ms`,
        // From epoch milliseconds with to_timestamp(double), not timestamptz + interval: Citus accepts only immutable
        // functions in an ON CONFLICT update, and adding an interval is stable (it depends on the time zone).
        nextRunAt: sql`CASE WHEN ${jobSchedules.everyMs} = excluded.every_ms THEN ${jobSchedules.nextRunAt}
          ELSE LEAST(${jobSchedules.nextRunAt}, to_timestamp((${now.getTime()}::bigint + excluded.every_ms) / 1000.0)) END`,
      },
    });
}

export interface Claim {
  /** Whether this call took the run: only one caller can, across every process on the database. */
  claimed: boolean;
  /** The slot: the schedule's next_run_at when the claim was tried. */
  nextRunAt: Date;
  lockedUntil: Date | null;
  consecutiveFailures: number;
}

/**
 * Claims the job's due run: one UPDATE that matches only when the run is due and no live lease is held, so of two
 * processes trying at once the second finds the lease taken (PostgreSQL re-checks the row it waited for). The SELECT
 * around it reports the row as it was before, for the caller that did not win: when to try again. Null when the job
 * has no row.
 */
export async function claimRun(
  db: Db,
  name: string,
  now: Date,
  leaseMs: number,
  runner: string,
): Promise<Claim | null> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`WITH claimed AS (
          UPDATE job_schedules
             SET locked_until = ${at(new Date(now.getTime() + leaseMs))}, locked_by = ${runner}, last_started_at = ${at(now)}
           WHERE name = ${name} AND next_run_at <= ${at(now)} AND (locked_until IS NULL OR locked_until < ${at(now)})
          RETURNING name
        )
        SELECT s.next_run_at, s.locked_until, s.consecutive_failures, (c.name IS NOT NULL) AS claimed
          FROM job_schedules s LEFT JOIN claimed c ON c.name = s.name
         WHERE s.name = ${name}`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    claimed: row.claimed === true,
    nextRunAt: asDate(row.next_run_at)!,
    lockedUntil: asDate(row.locked_until),
    consecutiveFailures: Number(row.consecutive_failures),
  };
}

/** Extends the lease of a run still in progress (only while this runner holds it). */
export async function renewLease(db: Db, name: string, runner: string, until: Date): Promise<void> {
  await db.execute(
    sql`UPDATE job_schedules SET locked_until = ${at(until)} WHERE name = ${name} AND locked_by = ${runner}`,
  );
}

export interface FinishedRun {
  name: string;
  runner: string;
  slot: Date;
  startedAt: Date;
  finishedAt: Date;
  nextRunAt: Date;
  ok: boolean;
  handled: number | null;
  error: string | null;
}

/**
 * Records a finished run: sets the next slot and releases the lease (only if this runner still holds it — a run
 * that outlived its lease changes nothing another runner took over), and logs the run in job_runs either way.
 */
export async function finishRun(db: Db, run: FinishedRun): Promise<void> {
  await db.execute(
    sql`WITH done AS (
          UPDATE job_schedules
             SET next_run_at = ${at(run.nextRunAt)}, locked_until = NULL, locked_by = NULL,
                 last_finished_at = ${at(run.finishedAt)}, last_handled = ${run.handled}::integer,
                 runs = runs + 1,
                 failures = failures + ${run.ok ? 0 : 1}::integer,
                 consecutive_failures = CASE WHEN ${run.ok}::boolean THEN 0 ELSE consecutive_failures + 1 END,
                 last_error = COALESCE(${run.error}::text, last_error),
                 last_error_at = CASE WHEN ${run.ok}::boolean THEN last_error_at ELSE ${at(run.finishedAt)} END
           WHERE name = ${run.name} AND locked_by = ${run.runner}
          RETURNING name
        )
        INSERT INTO job_runs (name, slot, runner, started_at, finished_at, ok, handled, error)
        VALUES (${run.name}, ${at(run.slot)}, ${run.runner}, ${at(run.startedAt)}, ${at(run.finishedAt)},
                ${run.ok}::boolean, ${run.handled}::integer, ${run.error}::text)`,
  );
}

/** Keeps the newest `keep` runs of each job; returns how many were removed. */
export async function pruneRuns(db: Db, keep: number): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`DELETE FROM job_runs WHERE id IN (
          SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY name ORDER BY id DESC) AS n FROM job_runs) r
           WHERE r.n > ${keep}::integer)
        RETURNING id`,
  );
  return rows.length;
}
