import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './database';
import { killAll, type ServerProcess, startServerProcess, until } from './factories/processes';

/**
 * Issue 10: "with two server processes a job runs once". Two real servers (main.ts, as `npm start` runs it) on one
 * fresh PostgreSQL database run their background jobs for a while; every run is logged in job_runs with the slot it
 * claimed, so each slot must appear once, no two runs of a job may overlap, and both processes must have taken part.
 * PostgreSQL only: the embedded PGlite database is held by one process at a time (and claims there are serialised).
 */
const WATCH_MS = 15_000;

const started: ServerProcess[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'linli-jobs-'));
let testDb: TestDatabase | null = null;
afterAll(async () => {
  // End exactly the processes this file started, if a failure left them running.
  killAll(started);
  await testDb?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

async function startServer(url: string, tag: string): Promise<ServerProcess> {
  const server = await startServerProcess(url, {
    LINLI_KEY_FILE: path.join(scratch, 'keys.json'),
    LINLI_AUDIT_ANCHOR_FILE: path.join(scratch, `anchors-${tag}.jsonl`),
    LINLI_DATA_DIR: path.join(scratch, `data-${tag}`),
  });
  started.push(server);
  return server;
}

interface RunRow extends Record<string, unknown> {
  name: string;
  slot: Date;
  runner: string;
  started_at: Date;
  finished_at: Date;
}

describe.skipIf(TEST_ENGINE !== 'postgres')(
  'two server processes on one PostgreSQL (skipped on PGlite: an embedded database is held by one process)',
  () => {
    it('run each slot of each job once, never two runs of a job at a time, and share the work', async () => {
      testDb = await createTestDatabase();
      const db = testDb.database.db;
      // One after the other: the first creates the key file and records its fingerprint; the second finds both.
      const a = await startServer(testDb.url!, 'a');
      expect(await until(() => a.healthy(), 150_000), a.output.join('')).toBe(true);
      const b = await startServer(testDb.url!, 'b');
      expect(await until(() => b.healthy(), 150_000), b.output.join('')).toBe(true);
      const bothUp = new Date();
      await new Promise((r) => setTimeout(r, WATCH_MS));
      for (const s of [a, b]) s.proc.kill('SIGTERM');
      expect(await a.exited, a.output.join('')).toBe(0);
      expect(await b.exited, b.output.join('')).toBe(0);

      const runs = await queryRows<RunRow>(
        db,
        sql`SELECT name, slot, runner, started_at, finished_at FROM job_runs ORDER BY name, started_at`,
      );
      const schedules = await queryRows<{ name: string; runs: string | number; every_ms: string | number }>(
        db,
        sql`SELECT name, runs, every_ms FROM job_schedules`,
      );
      const byJob = new Map<string, RunRow[]>();
      for (const run of runs) byJob.set(run.name, [...(byJob.get(run.name) ?? []), run]);
      const ms = (value: Date) => new Date(value).getTime();
      for (const [name, list] of byJob) {
        const everyMs = Number(schedules.find((s) => s.name === name)!.every_ms);
        // Each slot once.
        const slots = list.map((r) => ms(r.slot));
        expect(new Set(slots).size, `${name}: a slot ran twice`).toBe(slots.length);
        for (let i = 0; i < list.length; i++) {
          // Never before its slot.
          expect(ms(list[i]!.started_at), `${name}: ran before its slot`).toBeGreaterThanOrEqual(slots[i]!);
          if (i === 0) continue;
          // Never two at a time, and the next slot an interval (or more, after a failure) after the last finish.
          expect(ms(list[i]!.started_at), `${name}: runs overlap`).toBeGreaterThanOrEqual(ms(list[i - 1]!.finished_at));
          expect(slots[i]! - ms(list[i - 1]!.finished_at), `${name}: slot too soon`).toBeGreaterThanOrEqual(everyMs);
        }
      }
      // The counters agree with the log (nothing was pruned in this short a time).
      for (const s of schedules) expect(Number(s.runs), s.name).toBe(byJob.get(s.name)?.length ?? 0);

      // Both processes ran jobs while both were up. Timing and jitter decide who wins each slot: bounds, not counts
      // (about 25 slots of the 1–5 s jobs fall in the window; one process winning them all is ~2^-25).
      const whileBoth = runs.filter((r) => new Date(r.started_at) >= bothUp);
      expect(new Set(whileBoth.map((r) => r.runner)).size, JSON.stringify(whileBoth)).toBe(2);
      expect(byJob.get('events.deliver')?.length ?? 0).toBeGreaterThanOrEqual(4);
      expect(byJob.get('audit.seal')?.length ?? 0).toBeGreaterThanOrEqual(4);
    }, 360_000);
  },
);
