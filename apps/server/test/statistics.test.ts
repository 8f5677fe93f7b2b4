import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlannerStatistics, type TableStatistics, needsAnalyze, tableStatistics } from '../src/platform/statistics';
import { TEST_ENGINE, type TestDatabase, createTestDatabase } from './database';
import { useTestApp } from './harness';

/**
 * Planner statistics (platform/statistics.ts): the embedded database has no autovacuum, so the server analyses a table
 * whose statistics went stale — never analysed, changed by more than 50 + 10%, or grown past the size they describe.
 */
const quiet = { error: () => undefined } as unknown as Console;
const table = (over: Partial<TableStatistics>): TableStatistics => ({
  name: 'public.t',
  changed: 0,
  reltuples: 1000,
  relpages: 10,
  pages: 10,
  ...over,
});

describe('when a table needs analysing', () => {
  it('follows autovacuum’s thresholds, and the table’s growth when the change counters were lost', () => {
    expect(needsAnalyze(table({ reltuples: -1, relpages: 0, pages: 0 }))).toBe(false); // empty, never analysed
    expect(needsAnalyze(table({ reltuples: -1, relpages: 0, pages: 1 }))).toBe(true); // rows, never analysed
    expect(needsAnalyze(table({ changed: 150 }))).toBe(false); // 150 ≤ 50 + 10% of 1000
    expect(needsAnalyze(table({ changed: 151 }))).toBe(true);
    expect(needsAnalyze(table({ pages: 20 }))).toBe(false); // 20 ≤ 10 × 1.2 + 8
    expect(needsAnalyze(table({ pages: 21 }))).toBe(true);
    expect(needsAnalyze(table({ reltuples: 1_000_000, relpages: 10_000, pages: 11_000 }))).toBe(false);
    expect(needsAnalyze(table({ reltuples: 1_000_000, relpages: 10_000, pages: 12_100 }))).toBe(true);
  });
});

describe('analysing stale tables', () => {
  let testDb: TestDatabase;
  const stats = async (name: string) =>
    (await tableStatistics(testDb.database)).find((row) => row.name.endsWith(`.${name}`))!;
  /**
   * A backend reports its row changes to the statistics system a moment after the write (at most once a second), so
   * a pass could analyse a table before its insert was counted and then find it "changed" when the count arrived: it
   * analyses it again. The passes' counts are exact only once the writes are counted; wait for that (forcing the flush).
   */
  const counted = async (name: string, changed: number) => {
    for (let tries = 0; tries < 50; tries += 1) {
      await testDb.owner(`SELECT pg_stat_force_next_flush()`);
      const [row] = await testDb.owner(
        `SELECT n_mod_since_analyze AS changed FROM pg_stat_user_tables WHERE relname = '${name}'`,
      );
      if (Number(row?.changed ?? 0) >= changed) return; // (autovacuum may reset it first)
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('analyses a grown table once, gives the planner its row count, and leaves fresh tables alone', async () => {
    await testDb.owner(`CREATE TABLE stats_probe (id int PRIMARY KEY, area_code text NOT NULL)`);
    await testDb.owner(`INSERT INTO stats_probe SELECT g, '110101' FROM generate_series(1, 5000) g`);
    await counted('stats_probe', 5000);
    // (PostgreSQL's autovacuum may get there first; PGlite has none.)
    if (TEST_ENGINE === 'pglite') expect(needsAnalyze(await stats('stats_probe'))).toBe(true);

    const statistics = new PlannerStatistics(testDb.database, quiet);
    expect(await statistics.refresh()).toBeGreaterThanOrEqual(1);
    const after = await stats('stats_probe');
    expect(after.reltuples).toBe(5000);
    expect(needsAnalyze(after)).toBe(false);
    const [column] = await testDb.owner(
      `SELECT n_distinct FROM pg_stats WHERE tablename = 'stats_probe' AND attname = 'area_code'`,
    );
    expect(Number(column?.n_distinct)).toBe(1);
    // Every table is fresh now: a second pass analyses nothing.
    expect(await statistics.refresh()).toBe(0);

    // Doubled: stale again, and analysed again.
    await testDb.owner(`INSERT INTO stats_probe SELECT g, '110102' FROM generate_series(5001, 10000) g`);
    await counted('stats_probe', 5000);
    expect(await statistics.refresh()).toBeLessThanOrEqual(1); // 0 if autovacuum got there first
    expect((await stats('stats_probe')).reltuples).toBe(10000);
  });

  it('runs one pass at a time: a call during a pass waits for it and one more', async () => {
    const statistics = new PlannerStatistics(testDb.database, quiet);
    await testDb.owner(`CREATE TABLE stats_probe_two (id int PRIMARY KEY)`);
    await testDb.owner(`INSERT INTO stats_probe_two SELECT generate_series(1, 3000)`);
    await counted('stats_probe_two', 3000);
    const [first, second] = await Promise.all([statistics.refresh(), statistics.refresh()]);
    expect(first).toBeLessThanOrEqual(1); // 0 if PostgreSQL's autovacuum got there first
    expect(second).toBe(first); // the same pass's answer: the table was not analysed twice
    expect((await stats('stats_probe_two')).reltuples).toBe(3000);
  });

  it('after a bulk write, analyses in the background only in a server that runs its background work', async () => {
    const statistics = new PlannerStatistics(testDb.database, quiet);
    // Only where nothing else analyses: the embedded engine, or PostgreSQL with its autovacuum off.
    const [setting] = await testDb.owner(`SELECT current_setting('autovacuum') AS autovacuum`);
    const needed = TEST_ENGINE === 'pglite' || setting?.autovacuum === 'off';
    expect(await statistics.needed()).toBe(needed);
    if (!needed) {
      await statistics.start();
      await testDb.owner(`CREATE TABLE stats_probe_idle (id int PRIMARY KEY)`);
      await testDb.owner(`INSERT INTO stats_probe_idle SELECT generate_series(1, 2000)`);
      expect(await statistics.refreshIfNeeded()).toBe(0); // autovacuum's work, not ours
      return;
    }
    await testDb.owner(`CREATE TABLE stats_probe_three (id int PRIMARY KEY)`);
    await testDb.owner(`INSERT INTO stats_probe_three SELECT generate_series(1, 2000)`);
    statistics.soon(5); // not started: nothing happens
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await stats('stats_probe_three')).reltuples).toBe(-1);

    await statistics.start(); // the server's start: what is stale is analysed before the first request
    expect((await stats('stats_probe_three')).reltuples).toBe(2000);
    await testDb.owner(`INSERT INTO stats_probe_three SELECT generate_series(2001, 22000)`);
    statistics.soon(5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await statistics.stop(); // waits for the pass under way
    expect((await stats('stats_probe_three')).reltuples).toBe(22000);
  });
});

describe('the analyse job', () => {
  const t = useTestApp();
  it('is registered, and analyses only where nothing else does', async () => {
    const names = t.app.ctx.jobs.registered().map((job) => job.name);
    expect(names).toContain('db.analyze');
    if (TEST_ENGINE === 'pglite') expect(await t.app.ctx.statistics.needed()).toBe(true);
  });
});
