import { bigint, bigserial, boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One row per recurring job (migration 0019; platform/jobs.ts, ADR 0007). */
export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  everyMs: bigint('every_ms', { mode: 'number' }).notNull(),
  nextRunAt: ts('next_run_at').notNull(),
  lockedUntil: ts('locked_until'),
  lockedBy: text('locked_by'),
  lastStartedAt: ts('last_started_at'),
  lastFinishedAt: ts('last_finished_at'),
  lastError: text('last_error'),
  lastErrorAt: ts('last_error_at'),
  lastHandled: integer('last_handled'),
  runs: bigint('runs', { mode: 'number' }).notNull().default(0),
  failures: bigint('failures', { mode: 'number' }).notNull().default(0),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
});

/** Each finished run of a recurring job, the newest kept per job. */
export const jobRuns = pgTable('job_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  slot: ts('slot').notNull(),
  runner: text('runner').notNull(),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at').notNull(),
  ok: boolean('ok').notNull(),
  handled: integer('handled'),
  error: text('error'),
});
