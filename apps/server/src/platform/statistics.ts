import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './db';

/**
 * Planner statistics for the embedded database (issue 13). On PostgreSQL autovacuum keeps pg_statistic current;
 * PGlite has no autovacuum, so an embedded installation was never analysed and its plans went stale as it grew: the
 * client detail's household-visit lookup turned into a sequential scan of visit_events (31 ms a call; 1.35 ms after
 * one ANALYZE). This is autovacuum's analyse half for PGlite: a table is analysed when its rows changed by more than
 * 50 + 10% since its last analyse (autovacuum_analyze_threshold / _scale_factor's defaults), or when it has grown past
 * the size its statistics describe — the change counters are lost when a process stops uncleanly, the size is not.
 * One table per transaction, so requests get the embedded session between tables (ANALYZE samples at most 30,000
 * rows a table: well under a second each on the bench's community data).
 * A PostgreSQL server run with `autovacuum = off` is in the same position (this project's test machine is: the overdue
 * rollup, rebuilt each day, was planned as empty until analysed by hand), so there it does the same, and says so.
 */
export interface TableStatistics {
  /** Schema-qualified and quoted, ready for ANALYZE. */
  name: string;
  /** Rows inserted, updated or deleted since the last analyse (0 when the counters were lost). */
  changed: number;
  /** The row count the planner believes; negative when never analysed. */
  reltuples: number;
  /** The pages the planner believes (as of the last analyse or vacuum). */
  relpages: number;
  /** The table's pages now. */
  pages: number;
}

const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE_FACTOR = 0.1;
/** Grown by this share of its described size (and by GROWTH_PAGES at least) since the last analyse: stale. */
const GROWTH_FACTOR = 0.2;
const GROWTH_PAGES = 8;

/** Whether a table's statistics need refreshing (pure, for the tests). */
export function needsAnalyze(table: TableStatistics): boolean {
  if (table.pages === 0 && table.changed === 0) return false;
  if (table.reltuples < 0) return true; // holds rows (or had changes) and was never analysed
  if (table.changed > ANALYZE_THRESHOLD + ANALYZE_SCALE_FACTOR * table.reltuples) return true;
  return table.pages > table.relpages * (1 + GROWTH_FACTOR) + GROWTH_PAGES;
}

/** Every table of the session's schemas, with its change counter and sizes. */
export async function tableStatistics(database: Database): Promise<TableStatistics[]> {
  // The embedded engine's one backend reports its row changes a moment after writing them: flushed first, so a pass
  // does not analyse a table and then find its insert counted as a change since (CI saw it analysed twice).
  const rows = await database.withOwnerConnection(async (exec) => {
    await exec(`SELECT pg_stat_force_next_flush()`);
    return exec(`SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
                 coalesce(s.n_mod_since_analyze, 0) AS changed, c.reltuples, c.relpages,
                 pg_relation_size(c.oid) / 8192 AS pages
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
           WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (current_schemas(false))
           ORDER BY 1`);
  });
  return rows.map((row) => ({
    name: String(row.name),
    changed: Number(row.changed),
    reltuples: Number(row.reltuples),
    relpages: Number(row.relpages),
    pages: Number(row.pages),
  }));
}

export class PlannerStatistics {
  private running: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** `soon` acts only in a server that runs its background work (not in the CLI or a test's app). */
  private active = false;
  private decided: Promise<boolean> | null = null;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger | Console,
  ) {}

  /**
   * Needed where nothing else analyses: the embedded engine, or a PostgreSQL whose autovacuum is off (on, it does the
   * same on its own). Asked once.
   */
  needed(): Promise<boolean> {
    this.decided ??= this.askNeeded();
    return this.decided;
  }

  private async askNeeded(): Promise<boolean> {
    if (this.database.kind === 'pglite') return true;
    const [row] = await this.database.withOwnerConnection((exec) =>
      exec(`SELECT current_setting('autovacuum') AS autovacuum`),
    );
    return String(row?.autovacuum) === 'off';
  }

  /** The background job's pass: nothing where autovacuum does the work. */
  async refreshIfNeeded(): Promise<number> {
    return (await this.needed()) ? this.refresh() : 0;
  }

  /**
   * Analyses every table whose statistics are stale, one at a time; returns how many it analysed. A call while a
   * pass runs waits for it and then makes one more pass (rows written meanwhile count).
   */
  async refresh(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.passes().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * The server starts: `soon` may act from now on, and stale statistics are refreshed before the first request (a
   * database left by an older version, or grown since the last pass, plans right from the start). A failure is logged;
   * the job tries again.
   */
  async start(): Promise<void> {
    this.active = await this.needed().catch(() => false);
    if (!this.active) return;
    if (this.database.kind !== 'pglite') {
      this.log.warn?.('statistics: PostgreSQL runs with autovacuum = off; Linli analyses stale tables itself');
    }
    await this.refresh().catch((error: unknown) => this.log.error({ err: error }, 'statistics: analyse failed'));
  }

  /** After a bulk write (an import): a refresh a moment later, in the background, without holding up the answer. */
  soon(delayMs = 1000): void {
    if (!this.active || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch((error: unknown) => this.log.error({ err: error }, 'statistics: analyse failed'));
    }, delayMs);
    this.timer.unref();
  }

  /** Server shutdown: cancels a pending `soon` and waits for a pass under way (the database closes next). */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async passes(): Promise<number> {
    let analysed = 0;
    do {
      this.again = false;
      for (const table of await tableStatistics(this.database)) {
        if (!needsAnalyze(table)) continue;
        await this.database.withOwnerConnection((exec) => exec(`ANALYZE ${table.name}`));
        analysed += 1;
      }
    } while (this.again);
    return analysed;
  }
}
