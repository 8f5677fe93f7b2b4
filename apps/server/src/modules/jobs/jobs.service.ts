import type { JobQueue, JobSchedule, JobsOverview } from '@linli/contracts/modules/jobs';
import type { AppContext } from '../../platform/context';
import type { QueueProbe, RegisteredJob } from '../../platform/jobs';
import { type JobScheduleRow, listJobSchedules, recentFailedRuns } from './jobs.repository';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * The admin view of the job runner (ADR 0007): every cluster job's row in job_schedules, with the jobs this process
 * registered but has not run yet, the process-scope jobs as this process counts them, and each queue's depth.
 */
export class JobsService {
  constructor(private readonly ctx: AppContext) {}

  async overview(): Promise<JobsOverview> {
    const now = this.ctx.clock.now();
    const [rows, failures, queues] = await Promise.all([
      listJobSchedules(this.ctx.db),
      recentFailedRuns(this.ctx.db, 20),
      Promise.all(this.ctx.jobs.queues().map((probe) => readQueue(probe))),
    ]);
    const registered = new Map(this.ctx.jobs.registered().map((job) => [job.name, job]));
    const schedules = rows.map((row) => fromRow(row, registered.has(row.name), now));
    for (const job of registered.values())
      if (!rows.some((row) => row.name === job.name)) schedules.push(fromRegistered(job));
    schedules.sort((a, b) => a.name.localeCompare(b.name));
    return {
      runner: this.ctx.jobs.runnerId,
      at: now.toISOString(),
      schedules,
      queues: queues.sort((a, b) => a.name.localeCompare(b.name)),
      recentFailures: failures.map((run) => ({
        id: run.id,
        name: run.name,
        runner: run.runner,
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt.toISOString(),
        error: run.error,
      })),
    };
  }
}

function fromRow(row: JobScheduleRow, registered: boolean, now: Date): JobSchedule {
  return {
    name: row.name,
    everyMs: row.everyMs,
    scope: 'cluster',
    registered,
    nextRunAt: iso(row.nextRunAt),
    lastStartedAt: iso(row.lastStartedAt),
    lastFinishedAt: iso(row.lastFinishedAt),
    lastHandled: row.lastHandled,
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    runs: row.runs,
    failures: row.failures,
    consecutiveFailures: row.consecutiveFailures,
    runningBy: row.lockedUntil && row.lockedUntil > now ? row.lockedBy : null,
  };
}

/** A process-scope job (this process's counts), or a cluster job whose row the runner has not written yet. */
function fromRegistered(job: RegisteredJob): JobSchedule {
  const { local } = job;
  return {
    name: job.name,
    everyMs: job.everyMs,
    scope: job.scope,
    registered: true,
    nextRunAt: null,
    lastStartedAt: iso(local.lastStartedAt),
    lastFinishedAt: iso(local.lastFinishedAt),
    lastHandled: local.lastHandled,
    lastError: local.lastError,
    lastErrorAt: iso(local.lastErrorAt),
    runs: local.runs,
    failures: local.failures,
    consecutiveFailures: local.consecutiveFailures,
    runningBy: null,
  };
}

/** A queue's counts; a probe that fails shows as unavailable rather than failing the page. */
async function readQueue(probe: QueueProbe): Promise<JobQueue> {
  try {
    const stats = await probe.stats();
    return { name: probe.name, ...stats, oldestPendingAt: iso(stats.oldestPendingAt), unavailable: false };
  } catch {
    return { name: probe.name, pending: 0, failed: 0, dead: 0, oldestPendingAt: null, unavailable: true };
  }
}
