// The raw-SQL floors of `npm run bench`, measured with the server stopped: each workload's captured statements
// replayed with the bare driver under runFor; a workload whose first call is slow runs one at a time (on both sides).
import type { Engine } from './engine';
import { runFor } from './raw';
import type { Row } from './report';

export interface Workload {
  name: string;
  raw: () => Promise<unknown>;
  slow?: boolean;
  minOps?: number;
}

async function timeOnce(op: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await op();
  return performance.now() - s;
}

export async function measureFloors(
  engine: Engine,
  workloads: Workload[],
  opts: { seconds: number; concurrency: number; slowMs: number; log: (s: string) => void },
): Promise<Row[]> {
  const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
  const rows: Row[] = [];
  for (const w of workloads) {
    // The server folds the dashboard rollups' deltas every 5 s; with it stopped, fold what the writes before left.
    if (w.name.startsWith('dashboard')) await engine.query('SELECT care_fold_rollups()');
    const first = await timeOnce(w.raw);
    await timeOnce(w.raw);
    const slow = Boolean(w.slow) || first > opts.slowMs;
    const conc = slow ? 1 : opts.concurrency;
    const r = await runFor(opts.seconds, conc, w.raw, w.minOps ?? (slow ? 3 : 0));
    opts.log(
      `  ${w.name.padEnd(24)} ${fmt(r.opsPerSec, 1).padStart(9)} ops/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  (${r.ops} ops, c=${conc}${r.errors ? `, ${r.errors} errors` : ''})`,
    );
    rows.push({
      workload: w.name,
      sequential: slow,
      raw: r,
      http: null,
      rssMb: null,
      processes: null,
      note: slow ? `slow (first call ${fmt(first)} ms): one at a time` : '',
    });
  }
  return rows;
}
