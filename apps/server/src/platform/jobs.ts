import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock';
import type { Db } from './db';
import { type Claim, claimRun, ensureSchedules, finishRun, pruneRuns, renewLease } from './jobs.store';
import { redactText } from './redact';

/**
 * Background work of the server (issue 10, ADR 0007): one job runner for delivery, rollup folding, audit sealing and
 * daily checks. Modules register their recurring jobs in `setup` through `ctx.jobs.every(...)`; the server starts the
 * runner after the modules' setup (the CLI and the tests never do). A job's runs are claimed in the job_schedules
 * table (migration 0019), so across every server process on one database each run happens once and never two at a
 * time; its runs, failures and last error are there for the admin page (GET /api/jobs).
 */
export interface JobDefinition {
  /** Unique name, e.g. 'notifications.deliver'; shown on the admin page. */
  name: string;
  /** How often it runs: the next run is due this long after the last one finished (longer after failures). */
  everyMs: number;
  /** One run; returns how many items it handled (shown on the admin page), or nothing. Must be idempotent. */
  run(): Promise<number | void>;
  /**
   * 'cluster' (the default): one run at a time across all server processes. 'process': every process runs its own,
   * for upkeep of what only this process holds (its unwritten audit rows); shown with this process's counts only.
   */
  scope?: 'cluster' | 'process';
  /** How long a run may go without renewing its lease before another process may take it over (default 60 s). */
  leaseMs?: number;
}

export interface QueueStats {
  pending: number;
  failed: number;
  dead: number;
  oldestPendingAt: Date | null;
}

/** A queue some job works through (an outbox): the admin page shows its depth and failures. */
export interface QueueProbe {
  name: string;
  stats(): Promise<QueueStats>;
}

/** What this process knows of a job it registered; counts only for process-scope jobs (the rest are in the table). */
export interface RegisteredJob {
  name: string;
  everyMs: number;
  scope: 'cluster' | 'process';
  local: LocalRuns;
}

export interface LocalRuns {
  runs: number;
  failures: number;
  consecutiveFailures: number;
  running: boolean;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastHandled: number | null;
}

export interface JobRunner {
  every(job: JobDefinition): void;
  /** Makes a queue visible on the admin page. */
  probe(queue: QueueProbe): void;
  start(): void;
  stop(): Promise<void>;
  /** Who this process is in job_schedules.locked_by / job_runs.runner. */
  readonly runnerId: string;
  registered(): RegisteredJob[];
  queues(): readonly QueueProbe[];
}

const DEFAULT_LEASE_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Runs kept per job in job_runs. */
export const KEEP_RUNS = 200;

/** The wait after a run: the interval, doubled per consecutive failure (at most 32×), never past max(every, 5 min). */
export function nextDelayMs(everyMs: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return everyMs;
  return Math.min(everyMs * 2 ** Math.min(consecutiveFailures, 5), Math.max(everyMs, 300_000));
}

/** Spreads processes' attempts: up to a tenth of the interval, at most a second. */
const jitter = (everyMs: number) => Math.floor(Math.random() * Math.min(everyMs / 10, 1000));
const timerMs = (ms: number) => Math.min(MAX_TIMER_MS, Math.max(0, Math.round(ms)));

interface Entry {
  def: JobDefinition;
  local: LocalRuns;
}

interface Outcome {
  ok: boolean;
  handled: number | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date;
}

/**
 * The runner on the job_schedules table: each job has a timer in each process; when it fires, the process tries to
 * claim the due run (platform/jobs.store.ts, claimRun) and runs it only if it won, renewing the lease while it runs.
 * Quick reactions stay where they are: a write pokes the audit sealer and the event delivery at once; the jobs here
 * are the sweeps behind them.
 */
export class DbJobRunner implements JobRunner {
  readonly runnerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly jobs = new Map<string, Entry>();
  private readonly probes: QueueProbe[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private ensured: Promise<void> | null = null;
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger | Console,
  ) {
    this.every({ name: 'jobs.prune', everyMs: 3_600_000, run: () => pruneRuns(db, KEEP_RUNS) });
  }

  every(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    if (!(job.everyMs > 0)) throw new Error(`job ${job.name}: everyMs must be positive`);
    this.jobs.set(job.name, { def: job, local: emptyRuns() });
    this.ensured = null;
    if (this.started) this.schedule(job.name, 0);
  }

  probe(queue: QueueProbe): void {
    this.probes.push(queue);
  }

  registered(): RegisteredJob[] {
    return [...this.jobs.values()].map(({ def, local }) => ({
      name: def.name,
      everyMs: def.everyMs,
      scope: def.scope ?? 'cluster',
      local: { ...local },
    }));
  }

  queues(): readonly QueueProbe[] {
    return this.probes;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const { def } of this.jobs.values()) this.schedule(def.name, jitter(def.everyMs));
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Tries every cluster job once now, as the timers do (tests drive the runner with this instead of starting it);
   * returns the names of the jobs this runner won and ran.
   */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const entry of this.jobs.values()) {
      if ((entry.def.scope ?? 'cluster') !== 'cluster') continue;
      if ((await this.attemptCluster(entry)).ran) ran.push(entry.def.name);
    }
    return ran;
  }

  private schedule(name: string, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(name);
      const entry = this.jobs.get(name)!;
      const attempt = (entry.def.scope === 'process' ? this.attemptLocal(entry) : this.attemptCluster(entry))
        .catch((error: unknown) => {
          // The claim or the record failed (the database is away): try again after the interval.
          this.log.error({ err: error, job: name }, 'job runner: claim failed');
          return { ran: false, waitMs: entry.def.everyMs };
        })
        .then(({ waitMs }) => {
          if (this.started) this.schedule(name, waitMs);
        })
        .finally(() => this.inFlight.delete(attempt));
      this.inFlight.add(attempt);
    }, timerMs(delayMs));
    timer.unref();
    this.timers.set(name, timer);
  }

  private ensureRows(): Promise<void> {
    const cluster = [...this.jobs.values()]
      .filter((e) => (e.def.scope ?? 'cluster') === 'cluster')
      .map((e) => ({ name: e.def.name, everyMs: e.def.everyMs }));
    this.ensured ??= ensureSchedules(this.db, cluster, this.clock.now()).catch((error: unknown) => {
      this.ensured = null;
      throw error;
    });
    return this.ensured;
  }

  /** Claim, run, record; returns how long to wait before the next attempt. */
  private async attemptCluster(entry: Entry): Promise<{ ran: boolean; waitMs: number }> {
    const { def } = entry;
    await this.ensureRows();
    const now = this.clock.now();
    const leaseMs = def.leaseMs ?? DEFAULT_LEASE_MS;
    const claim = await claimRun(this.db, def.name, now, leaseMs, this.runnerId);
    if (!claim) {
      this.ensured = null; // the row went away: add it again at the next attempt
      return { ran: false, waitMs: Math.min(def.everyMs, 1000) };
    }
    if (!claim.claimed) return { ran: false, waitMs: missedWaitMs(def.everyMs, claim, now) };
    const heartbeat = setInterval(() => {
      const until = new Date(this.clock.now().getTime() + leaseMs);
      void renewLease(this.db, def.name, this.runnerId, until).catch(() => undefined);
    }, leaseMs / 3);
    heartbeat.unref();
    const outcome = await this.execute(entry).finally(() => clearInterval(heartbeat));
    const delay = nextDelayMs(def.everyMs, outcome.ok ? 0 : claim.consecutiveFailures + 1);
    await finishRun(this.db, {
      name: def.name,
      runner: this.runnerId,
      slot: claim.nextRunAt,
      ...outcome,
      nextRunAt: new Date(outcome.finishedAt.getTime() + delay),
    });
    return { ran: true, waitMs: delay + jitter(def.everyMs) };
  }

  private async attemptLocal(entry: Entry): Promise<{ ran: boolean; waitMs: number }> {
    await this.execute(entry);
    return { ran: true, waitMs: nextDelayMs(entry.def.everyMs, entry.local.consecutiveFailures) };
  }

  /** Runs the job's function, keeping this process's counts; a failure is logged and returned, never thrown. */
  private async execute({ def, local }: Entry): Promise<Outcome> {
    const startedAt = this.clock.now();
    local.running = true;
    local.lastStartedAt = startedAt;
    let ok = true;
    let handled: number | null = null;
    let error: string | null = null;
    try {
      const result = await def.run();
      handled = typeof result === 'number' ? result : null;
    } catch (err) {
      ok = false;
      // Kept in job_schedules / job_runs and shown on the admin page: identifiers masked as in audit details (F9).
      error = redactText(err instanceof Error ? err.message : String(err)).slice(0, 500);
      this.log.error({ err, job: def.name }, 'job failed');
    }
    const finishedAt = this.clock.now();
    Object.assign(local, {
      running: false,
      runs: local.runs + 1,
      failures: local.failures + (ok ? 0 : 1),
      consecutiveFailures: ok ? 0 : local.consecutiveFailures + 1,
      lastFinishedAt: finishedAt,
      lastHandled: handled,
      ...(ok ? {} : { lastError: error, lastErrorAt: finishedAt }),
    });
    return { ok, handled, error, startedAt, finishedAt };
  }
}

/**
 * After a lost claim: until the slot when it is ahead; when another process holds the run, an interval later; never
 * sooner than a moment (the row read may predate the winner's claim) nor later than the interval.
 */
function missedWaitMs(everyMs: number, claim: Claim, now: Date): number {
  const held = claim.lockedUntil !== null && claim.lockedUntil > now;
  const until = held ? everyMs : claim.nextRunAt.getTime() - now.getTime();
  return Math.min(Math.max(until, Math.min(everyMs, 500)), Math.max(everyMs, 1)) + jitter(everyMs);
}

function emptyRuns(): LocalRuns {
  return {
    runs: 0,
    failures: 0,
    consecutiveFailures: 0,
    running: false,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastError: null,
    lastErrorAt: null,
    lastHandled: null,
  };
}
