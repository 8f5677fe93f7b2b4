// Issue 13's goals beside the figures of this run: what `npm run bench` prints last, and the README copies.
// A goal whose conditions this run does not meet (another scale or engine, no import, no soak) says so: "—".
import type { ImportResult } from './import-phase';
import type { Row } from './report';
import type { SoakResult } from './soak';

export interface GoalInput {
  scale: string;
  isPg: boolean;
  /** Issue 13's goals 2 and 3 are about one server: a run on a Citus cluster reports them as not this run. */
  engine: 'pglite' | 'postgres' | 'citus';
  rows: Row[];
  imported: ImportResult | null;
  soak: SoakResult | null;
  processes: number;
  /** Clients of the measured worker and of the stress worker (goal 1). */
  caseload: { worker: number; stress: number };
}

interface Goal {
  goal: string;
  figure: string;
  target: string;
  met: boolean | null;
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const ratio = (r: Row) => (r.raw && r.http ? r.http.reqPerSec / r.raw.opsPerSec : NaN);
const CONCURRENT_WORKER_PAGES = ['worklist', 'client detail', 'record visit', 'worker home'];

export function goals(input: GoalInput): Goal[] {
  const { rows, isPg, scale } = input;
  const row = (name: string) => rows.find((r) => r.workload === name);
  const out: Goal[] = [];
  const onPglite = input.engine === 'pglite' && scale === 'community';
  const onCity = input.engine === 'postgres' && scale === 'city';

  out.push({
    goal: '1 realistic caseload (measured worker; stress worker its own row)',
    figure: `${input.caseload.worker} / ${input.caseload.stress} clients`,
    target: '80–300 / 10,000',
    met: input.caseload.worker >= 80 && input.caseload.worker <= 300 && input.caseload.stress === 10_000,
  });
  for (const page of CONCURRENT_WORKER_PAGES) {
    const one = row(`${page} (latency)`);
    const p95 = one?.http?.p95 ?? NaN;
    out.push({
      goal: `2 ${page}, one at a time, p95 (community, PGlite)`,
      figure: `${fmt(p95)} ms`,
      target: '≤ 25 ms',
      met: onPglite && Number.isFinite(p95) ? p95 <= 25 : null,
    });
  }
  const worst = (names: string[]) =>
    names
      .map((n) => row(n))
      .filter((r): r is Row => !!r && !!r.raw && !!r.http)
      .map((r) => ({ name: r.workload, ratio: ratio(r) }))
      .sort((a, b) => a.ratio - b.ratio)[0];
  const workerWorst = worst(CONCURRENT_WORKER_PAGES);
  out.push({
    goal: '2 worker pages at 10 concurrent, lowest ratio to the raw floor (community, PGlite)',
    figure: workerWorst ? `${fmt(workerWorst.ratio, 2)}× (${workerWorst.name})` : '—',
    target: '≥ 0.5×',
    met: onPglite && workerWorst ? workerWorst.ratio >= 0.5 : null,
  });
  const all = worst(rows.filter((r) => !r.sequential).map((r) => r.workload));
  out.push({
    goal: '3 every endpoint at 10 concurrent, lowest ratio (city, PostgreSQL)',
    figure: all ? `${fmt(all.ratio, 2)}× (${all.name})` : '—',
    target: '≥ 0.5×',
    met: onCity && all ? all.ratio >= 0.5 : null,
  });
  const dash = row('dashboard (district, latency)')?.http?.p50 ?? NaN;
  out.push({
    goal: '3 district dashboard p50, one at a time (city, PostgreSQL)',
    figure: `${fmt(dash)} ms`,
    target: '≤ 10 ms',
    met: onCity && Number.isFinite(dash) ? dash <= 10 : null,
  });
  const ir = input.imported;
  const importTarget = isPg ? 10_000 : 5_000;
  out.push({
    goal: `4 ledger import rows/s and peak RSS (${ir ? `${ir.rowsMeasured} rows` : 'not run'})`,
    figure: ir ? `${fmt(ir.rowsPerSec, 0)} rows/s, ${ir.peakRssMb} MB` : '—',
    target: `≥ ${importTarget.toLocaleString('en')} rows/s, ≤ 300 MB`,
    met: ir && ir.rowsMeasured >= 100_000 ? ir.rowsPerSec >= importTarget && ir.peakRssMb <= 300 : null,
  });
  const rss = Math.max(...rows.map((r) => r.rssMb ?? 0));
  out.push({
    goal: '5 server RSS under the mixed load (highest after any row)',
    figure: rss > 0 ? `${rss} MB` : '—',
    target: isPg ? '≤ 300 MB' : '≤ 350 MB',
    met: rss > 0 ? rss <= (isPg ? 300 : 350) : null,
  });
  const scalings = rows
    .map((r) => r.processes?.scaling)
    .filter((x): x is number => x !== undefined)
    .sort((a, b) => a - b);
  out.push({
    goal: `6 ${input.processes} processes behind the balancer: scaling, median (lowest–highest)`,
    figure: scalings.length
      ? `${fmt(scalings[Math.floor(scalings.length / 2)]!, 2)}× (${fmt(scalings[0]!, 2)}–${fmt(scalings.at(-1)!, 2)}×)`
      : '—',
    target: 'reported (2 cores: no real headroom)',
    met: null,
  });
  const s = input.soak;
  out.push({
    goal: '8 soak: 0 errors, p99 and RSS flat (≤ 1.10× the first minute)',
    figure: s ? `${s.errors} errors in ${s.requests}; ${s.verdict.ok ? 'flat' : s.verdict.failures.join('; ')}` : '—',
    target: '0 errors, flat',
    met: s ? s.errors === 0 && s.verdict.ok : null,
  });
  return out;
}

export function goalsTable(input: GoalInput): string[] {
  const lines = ['| issue 13 goal | this run | target | met |', '|---|---|---|---|'];
  for (const g of goals(input))
    lines.push(
      `| ${g.goal} | ${g.figure} | ${g.target} | ${g.met === null ? '— (not this run)' : g.met ? 'yes' : '**no**'} |`,
    );
  return lines;
}
