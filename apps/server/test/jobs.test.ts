import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { JobsOverview } from '@linli/contracts/modules/jobs';
import { runDailyOverdueCheck } from '../src/modules/care/supervision/daily-check';
import { eventOutbox } from '../src/platform/events.tables';
import { DbJobRunner, type JobDefinition, nextDelayMs } from '../src/platform/jobs';
import { pruneRuns } from '../src/platform/jobs.store';
import { jobRuns, jobSchedules } from '../src/platform/jobs.tables';
import { assess, createClient } from './factories/care';
import { buildOrg } from './factories/org';
import { expectError, signedIn, useTestApp } from './harness';

/**
 * The job runner (platform/jobs.ts, ADR 0007) on one database: a run is claimed with one UPDATE, so of several
 * runners (processes) trying at once exactly one runs each slot; failures back off and are recorded; a run that
 * outlives its lease can be taken over, and its late finish does not release the new holder. The admin page shows
 * the schedules and queues. test/jobs-two-processes.test.ts does the same with two real server processes.
 */
const t = useTestApp();
const quiet = { error: () => undefined } as unknown as Console;
let serial = 0;
/** A job name of the test's own (the tables are shared by the file's tests). */
const jobName = (what: string) => `test.${what}.${++serial}`;

const runner = () => new DbJobRunner(t.app.ctx.db, t.clock, quiet);
/** The jobs among `names` that are the test's own (a new runner also has its built-in 'jobs.prune', due at first). */
const own = async (ran: Promise<string[]>) => (await ran).filter((n) => n.startsWith('test.'));
const schedule = async (name: string) =>
  (await t.app.ctx.db.select().from(jobSchedules).where(eq(jobSchedules.name, name)))[0]!;
const runsOf = (name: string) => t.app.ctx.db.select().from(jobRuns).where(eq(jobRuns.name, name)).orderBy(jobRuns.id);

describe('the job runner', () => {
  it('runs each slot once among runners trying at the same time, and not before the next slot is due', async () => {
    const name = jobName('once');
    const ran: string[] = [];
    const runners = [runner(), runner(), runner()];
    runners.forEach((r, i) =>
      r.every({
        name,
        everyMs: 1000,
        run: async () => {
          ran.push(`r${i}`);
          return 3;
        },
      }),
    );
    const won = await Promise.all(runners.map((r) => r.runDue()));
    expect(ran).toHaveLength(1);
    expect(won.filter((names) => names.includes(name))).toHaveLength(1);

    // Not due again until an interval after the run finished.
    t.clock.advance(999);
    await Promise.all(runners.map((r) => r.runDue()));
    expect(ran).toHaveLength(1);
    t.clock.advance(1);
    await Promise.all(runners.map((r) => r.runDue()));
    expect(ran).toHaveLength(2);

    const row = await schedule(name);
    expect(row).toMatchObject({ runs: 2, failures: 0, lastHandled: 3, lockedBy: null, lockedUntil: null });
    expect(row.nextRunAt.getTime()).toBe(t.clock.now().getTime() + 1000);
    const runs = await runsOf(name);
    expect(runs.map((r) => r.slot.getTime())).toEqual([t.start.getTime(), t.start.getTime() + 1000]);
    expect(runs.every((r) => r.ok && runners.some((x) => x.runnerId === r.runner))).toBe(true);
  });

  it('records a failure (masked), backs off, and clears the streak on the next success', async () => {
    const name = jobName('fails');
    let fail = true;
    const r = runner();
    r.every({
      name,
      everyMs: 1000,
      run: async () => {
        if (fail) throw new Error('gateway refused 13812345678');
      },
    });
    expect(await own(r.runDue())).toEqual([name]);
    let row = await schedule(name);
    expect(row).toMatchObject({ runs: 1, failures: 1, consecutiveFailures: 1 });
    expect(row.lastError).toContain('gateway refused');
    expect(row.lastError).not.toContain('13812345678');
    expect(row.nextRunAt.getTime() - t.clock.now().getTime()).toBe(nextDelayMs(1000, 1));
    expect(nextDelayMs(1000, 1)).toBe(2000);

    t.clock.advance(1000);
    expect(await own(r.runDue())).toEqual([]);
    t.clock.advance(1000);
    fail = false;
    expect(await own(r.runDue())).toEqual([name]);
    row = await schedule(name);
    expect(row).toMatchObject({ runs: 2, failures: 1, consecutiveFailures: 0 });
    expect(row.lastError).toContain('gateway refused'); // the last failure stays visible
    expect((await runsOf(name)).map((run) => run.ok)).toEqual([false, true]);
    expect(nextDelayMs(2000, 9)).toBe(64_000);
    expect(nextDelayMs(60_000, 9)).toBe(300_000);
  });

  it('lets another runner take over a run that outlived its lease; the late finish leaves the new lease alone', async () => {
    const name = jobName('stalled');
    const gate = () => {
      let open!: () => void;
      const closed = new Promise<void>((resolve) => (open = resolve));
      return { closed, open };
    };
    const [gateA, gateB] = [gate(), gate()];
    const calls: string[] = [];
    const def = (who: string, wait: Promise<void>): JobDefinition => ({
      name,
      everyMs: 1000,
      leaseMs: 30_000,
      run: async () => {
        calls.push(who);
        await wait;
      },
    });
    const [a, b] = [runner(), runner()];
    a.every(def('a', gateA.closed));
    b.every(def('b', gateB.closed));
    const first = own(a.runDue());
    await expect.poll(() => calls).toEqual(['a']);
    expect(await own(b.runDue())).toEqual([]); // the lease is live
    t.clock.advance(30_001);
    const second = own(b.runDue()); // a stalled past its lease: b takes the slot over
    await expect.poll(() => calls).toEqual(['a', 'b']);
    gateA.open();
    expect(await first).toEqual([name]);
    // a's late finish changed nothing in the schedule b now holds; its run is in the log.
    expect(await schedule(name)).toMatchObject({ lockedBy: b.runnerId, runs: 0 });
    gateB.open();
    expect(await second).toEqual([name]);
    expect(await schedule(name)).toMatchObject({ lockedBy: null, runs: 1 });
    // At least once under a stall past the lease: both runs of the one slot are logged, by their runners.
    const runs = await runsOf(name);
    expect(runs.map((r) => r.runner)).toEqual([a.runnerId, b.runnerId]);
    expect(new Set(runs.map((r) => r.slot.getTime())).size).toBe(1);
  });

  it('keeps the newest runs of each job (jobs.prune)', async () => {
    const name = jobName('prune');
    const r = runner();
    r.every({ name, everyMs: 10, run: async () => undefined });
    for (let i = 0; i < 3; i++) {
      expect(await r.runDue()).toContain(name);
      t.clock.advance(10);
    }
    const newest = (await runsOf(name)).at(-1)!.id;
    // Other tests' runs are trimmed too: a bound, not an exact count.
    expect(await pruneRuns(t.app.ctx.db, 1)).toBeGreaterThanOrEqual(2);
    expect((await runsOf(name)).map((run) => run.id)).toEqual([newest]);
  });
});

describe('GET /api/jobs', () => {
  it('shows the system administrator every job and queue; other roles are refused', async () => {
    const org = await buildOrg(t.app.ctx);
    const admin = (await signedIn(t, ['system_admin'], [org.district])).client;
    const overview = await admin.getAs(JobsOverview, '/api/jobs');
    const names = overview.schedules.map((s) => s.name);
    for (const name of [
      'audit.seal',
      'audit.upkeep',
      'care.daily_overdue_check',
      'care.rollups.fold',
      'events.deliver',
      'events.prune',
      'jobs.prune',
    ])
      expect(names).toContain(name);
    expect(overview.schedules.find((s) => s.name === 'audit.upkeep')).toMatchObject({ scope: 'process' });
    expect(overview.schedules.find((s) => s.name === 'events.deliver')).toMatchObject({
      scope: 'cluster',
      everyMs: 2000,
      registered: true,
    });
    expect(overview.queues.map((q) => q.name)).toEqual(expect.arrayContaining(['audit_pending', 'event_outbox']));
    expect(overview.runner).toBe(t.app.ctx.jobs.runnerId);

    // A failed run of a job of this test shows among the recent failures.
    const name = jobName('visible');
    const r = runner();
    r.every({ name, everyMs: 1000, run: () => Promise.reject(new Error('boom')) });
    await r.runDue();
    const after = await admin.getAs(JobsOverview, '/api/jobs');
    expect(after.schedules.find((s) => s.name === name)).toMatchObject({
      registered: false,
      runs: 1,
      failures: 1,
      lastError: 'boom',
    });
    expect(after.recentFailures[0]).toMatchObject({ name, runner: r.runnerId, error: 'boom' });

    for (const roles of [['security_admin'], ['audit_admin'], ['community_supervisor']] as const) {
      const other = (await signedIn(t, [...roles], [org.communityA])).client;
      expectError(await other.get('/api/jobs'), 403);
    }
  });
});

describe('care.daily_overdue_check', () => {
  it('emits one event per worker with overdue visits, once a day', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const c = await createClient(worker.client, org.communityA, { assigneeId: worker.id });
    await assess(worker.client, c.id, 'red');
    t.clock.advance(40 * 86_400_000); // past the red visit's window
    const mine = () =>
      t.app.ctx.db
        .select()
        .from(eventOutbox)
        .where(
          and(
            eq(eventOutbox.type, 'care.visits.overdue_daily'),
            sql`${eventOutbox.payload}->>'assigneeId' = ${worker.id}`,
          ),
        );
    expect(await runDailyOverdueCheck(t.app.ctx)).toBe(1);
    expect((await mine()).map((e) => e.payload)).toEqual([{ day: '2026-04-11', assigneeId: worker.id, overdue: 1 }]);
    expect(await runDailyOverdueCheck(t.app.ctx)).toBe(0); // done for today
    t.clock.advance(86_400_000);
    await runDailyOverdueCheck(t.app.ctx);
    expect((await mine()).map((e) => (e.payload as { day: string }).day)).toEqual(['2026-04-11', '2026-04-12']);
  });
});
