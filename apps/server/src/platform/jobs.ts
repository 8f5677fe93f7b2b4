/**
 * Background work of the server (issue 10: one job runner for delivery, rollup folding, audit sealing, daily checks).
 * Modules register their recurring jobs in `setup` through `ctx.jobs.every(...)`; the server starts the runner after
 * the modules' setup (the CLI never does). The runner decides where each run happens: a job runs once at a time
 * across every server process on one database.
 */
export interface JobDefinition {
  /** Unique name, e.g. 'notifications.deliver'; shown on the admin page. */
  name: string;
  /** How often it runs. */
  everyMs: number;
  /** One run; returns how many items it handled (shown as throughput), or nothing. */
  run(): Promise<number | void>;
}

/** A queue some job works through (an outbox): the admin page shows its depth and failures. */
export interface QueueProbe {
  name: string;
  stats(): Promise<{ pending: number; failed: number; dead: number; oldestPendingAt: Date | null }>;
}

export interface JobRunner {
  every(job: JobDefinition): void;
  /** Makes a queue visible on the admin page. */
  probe(queue: QueueProbe): void;
  start(): void;
  stop(): Promise<void>;
}

/** The simplest runner: a timer per job in this process (no cross-process lease; the job runner replaces it). */
export class LocalJobRunner implements JobRunner {
  private readonly jobs: JobDefinition[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();

  readonly probes: QueueProbe[] = [];

  every(job: JobDefinition): void {
    this.jobs.push(job);
  }

  probe(queue: QueueProbe): void {
    this.probes.push(queue);
  }

  start(): void {
    for (const job of this.jobs) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        const run = job
          .run()
          .catch(() => undefined)
          .finally(() => {
            busy = false;
            this.running.delete(run);
          });
        this.running.add(run);
      }, job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.running);
  }
}
