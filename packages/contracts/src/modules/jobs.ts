// Contracts of the jobs module: the admin view of the server's job runner (platform/jobs.ts, ADR 0007) — each
// recurring job's schedule and runs, and the depth of the queues the jobs work through. The server and the web import
// it as '@linli/contracts/modules/jobs'.
import { z } from 'zod';
import { IsoDateTime } from '../common';
import type { Role } from '../permissions';

export const PERMISSIONS = ['jobs.read'] as const;
export type JobsPermission = (typeof PERMISSIONS)[number];

/** 三员分立: the system administrator runs the system, so watching its background work is theirs alone. */
export const ROLE_GRANTS = {
  system_admin: ['jobs.read'],
} as const satisfies Partial<Record<Role, readonly JobsPermission[]>>;

export const ERRORS = {} as const;

export const JobScope = z.enum(['cluster', 'process']);
export type JobScope = z.infer<typeof JobScope>;

/** One recurring job: its schedule and what its runs did (cluster jobs: across every server process). */
export const JobSchedule = z.object({
  name: z.string(),
  everyMs: z.number().int(),
  /** cluster: one run at a time across the servers; process: each server process runs its own (its counts only). */
  scope: JobScope,
  /** Registered by the server process that answered (false: a row left by another version or a removed job). */
  registered: z.boolean(),
  nextRunAt: IsoDateTime.nullable(),
  lastStartedAt: IsoDateTime.nullable(),
  lastFinishedAt: IsoDateTime.nullable(),
  lastHandled: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: IsoDateTime.nullable(),
  runs: z.number().int(),
  failures: z.number().int(),
  consecutiveFailures: z.number().int(),
  /** The server process (host:pid:tag) running it now, while its lease lasts; null when idle. */
  runningBy: z.string().nullable(),
});
export type JobSchedule = z.infer<typeof JobSchedule>;

/** A queue (outbox) some job works through. */
export const JobQueue = z.object({
  name: z.string(),
  pending: z.number().int(),
  /** Failed at least once, waiting for a retry. */
  failed: z.number().int(),
  /** Given up on (dead letters). */
  dead: z.number().int(),
  oldestPendingAt: IsoDateTime.nullable(),
  /** The queue could not be read just now (its counts are 0). */
  unavailable: z.boolean(),
});
export type JobQueue = z.infer<typeof JobQueue>;

/** A failed run of a cluster job. */
export const JobFailure = z.object({
  id: z.number().int(),
  name: z.string(),
  runner: z.string(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  error: z.string().nullable(),
});
export type JobFailure = z.infer<typeof JobFailure>;

export const JobsOverview = z.object({
  /** The server process that answered. */
  runner: z.string(),
  at: IsoDateTime,
  schedules: z.array(JobSchedule),
  queues: z.array(JobQueue),
  /** The newest failed runs, newest first. */
  recentFailures: z.array(JobFailure),
});
export type JobsOverview = z.infer<typeof JobsOverview>;
