// The end of `npm run bench`: the printed summary and table (or the soak's), and the same figures as JSON in
// bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HttpResult } from './http';
import type { ImportResult } from './import-phase';
import type { LoadResult } from './raw';
import { goalsTable, type GoalInput } from './goals';
import { soakReport, type SoakResult } from './soak';
import { shardCheckLines, type ShardCheck } from './citus-check';

export interface Row {
  workload: string;
  /** Measured one request at a time on both sides (the raw side found it slow, or it is meant to be). */
  sequential: boolean;
  raw: LoadResult | null;
  http: HttpResult | null;
  rssMb: number | null;
  /** With `--processes N`: the same load through the balancer in front of N server processes. */
  processes: { n: number; http: HttpResult; rssMb: (number | null)[]; scaling: number } | null;
  note: string;
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const rate = (n: number | undefined) => fmt(n ?? NaN, n !== undefined && n < 10 ? 2 : 0);

/** The markdown table of the endpoint phase (and the import), with the scaling columns when N processes ran. */
export function endpointTable(rows: Row[], opts: { isPg: boolean; processes: number; imported: ImportResult | null }) {
  const n = opts.processes;
  const more = n > 1;
  const lines = [
    `| workload | raw ops/s | endpoint req/s | ratio | p50 raw / endpoint (ms) | p99 raw / endpoint (ms) | server RSS (MB) |${more ? ` req/s, ${n} processes | scaling | p99, ${n} processes (ms) | RSS per process (MB) |` : ''}`,
    `|---|---:|---:|---:|---:|---:|---:|${more ? '---:|---:|---:|---:|' : ''}`,
  ];
  for (const r of rows) {
    const ratio = r.raw && r.http ? r.http.reqPerSec / r.raw.opsPerSec : NaN;
    const conc = r.raw ? (r.raw.concurrency === 1 && opts.isPg ? ' (c=1)' : '') : '';
    const p = r.processes;
    const scaled = more
      ? ` ${rate(p?.http.reqPerSec)} | ${fmt(p?.scaling ?? NaN, 2)}× | ${fmt(p?.http.p99 ?? NaN, 1)} | ${p ? p.rssMb.map((x) => x ?? '—').join(' / ') : '—'} |`
      : '';
    lines.push(
      `| ${r.workload}${conc} | ${rate(r.raw?.opsPerSec)} | ${rate(r.http?.reqPerSec)} | ${fmt(ratio, 2)}× | ${fmt(r.raw?.p50 ?? NaN, 1)} / ${fmt(r.http?.p50 ?? NaN, 1)} | ${fmt(r.raw?.p99 ?? NaN, 1)} / ${fmt(r.http?.p99 ?? NaN, 1)} | ${r.rssMb ?? '—'} |${scaled}`,
    );
  }
  const ir = opts.imported;
  if (ir)
    lines.push(
      `| ledger import (${ir.rowsMeasured} rows${ir.capped ? ', capped' : ''}) vs ${opts.isPg ? 'COPY' : 'multi-row INSERT'} | ${fmt(ir.floor?.rowsPerSec ?? NaN)} rows/s | ${fmt(ir.rowsPerSec)} rows/s | ${fmt(ir.floor ? ir.rowsPerSec / ir.floor.rowsPerSec : NaN, 3)}× | | | ${ir.peakRssMb} (peak) |${more ? ' | | | |' : ''}`,
    );
  return lines;
}

export interface ReportInput {
  benchDir: string;
  variant: string;
  config: unknown;
  dbLabel: string;
  /** The database URL without credentials (PostgreSQL), or null. */
  dbShown: string | null;
  today: string;
  seconds: number;
  connections: number;
  rawConcurrency: number;
  processes: number;
  databaseBytes: number;
  generation: { seconds: number; reused: boolean; counts: Record<string, number>; generatedOn: string };
  communities: number;
  requests: number;
  volunteering: { volunteers: number; signUps: number } & Record<string, unknown>;
  dashboardCheck: unknown;
  dashboardCheckLine: string;
  /** On a Citus cluster: the single-shard check of each worker path (empty elsewhere). */
  shardChecks: ShardCheck[];
  rows: Row[];
  imported: ImportResult | null;
  soak: SoakResult | null;
  balancerRssMb: number | null;
  totalSeconds: number;
  caseload: GoalInput['caseload'];
}

/** Prints the summary and the table(s); writes bench/results/<date>-<variant>-<db>[-soak].json; returns its path. */
export function report(r: ReportInput): string {
  const isPg = r.dbLabel !== 'pglite';
  const g = r.generation;
  const cpus = os.cpus().length;
  const memGiB = Math.round(os.totalmem() / 2 ** 30);
  const method = r.soak
    ? `soak instead of the per-endpoint measurements (no raw floors, no import)${r.processes > 1 ? `, through the balancer in front of ${r.processes} server processes` : ''}.`
    : `raw: ${isPg ? `pg.Pool, ${r.rawConcurrency} concurrent` : 'PGlite, 1 connection'}, measured before the server started (server stopped); endpoint: autocannon ${r.connections} connections, ${r.seconds} s; rows marked (c=1) ran one at a time on both sides.${r.processes > 1 ? ` Then every endpoint again through a round-robin balancer (bench/src/balancer.ts, its own process) in front of ${r.processes} server processes on the same database; scaling = req/s with ${r.processes} ÷ req/s with 1 (same run).` : ''}`;
  const summary = [
    `Linli bench — scale ${r.variant} (${g.counts.clients ?? '?'} clients, ${g.counts.visits ?? '?'} visits, ${r.requests} requests, ${r.volunteering.volunteers} volunteers in ${r.volunteering.signUps} sign-ups, ${r.communities} communities), ${r.dbLabel}${r.dbShown ? ` ${r.dbShown}` : ''}`,
    `${cpus} CPUs, ${memGiB} GiB, ${process.version}; ${r.today}; database ${(r.databaseBytes / 2 ** 20).toFixed(0)} MB; generation ${g.reused ? `reused (took ${g.seconds} s on ${g.generatedOn})` : `${fmt(g.seconds, 1)} s`}; run ${fmt(r.totalSeconds)} s`,
    method,
    r.dashboardCheckLine,
    ...(r.shardChecks.length ? shardCheckLines(r.shardChecks) : []),
  ];
  const lines = r.soak
    ? soakReport(r.soak)
    : endpointTable(r.rows, { isPg, processes: r.processes, imported: r.imported });
  const goalLines = goalsTable({
    scale: r.variant.split('_')[0]!,
    isPg,
    engine: r.dbLabel as GoalInput['engine'],
    rows: r.rows,
    imported: r.imported,
    soak: r.soak,
    processes: r.processes,
    caseload: r.caseload,
  });
  console.log(`\n${summary.join('\n')}\n\n${lines.join('\n')}\n\n${goalLines.join('\n')}\n`);

  const resultsDir = path.join(r.benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(
    resultsDir,
    `${new Date().toISOString().slice(0, 10)}-${r.variant}-${r.dbLabel}${r.soak ? '-soak' : ''}.json`,
  );
  const json = {
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    scale: r.variant,
    config: r.config,
    db: r.dbLabel,
    date: new Date().toISOString(),
    today: r.today,
    machine: { cpus, memGiB, node: process.version },
    seconds: r.seconds,
    connections: r.connections,
    rawConcurrency: r.rawConcurrency,
    rawMeasured: r.soak ? 'not measured (soak)' : 'server stopped (before it started)',
    processes: r.processes,
    databaseBytes: r.databaseBytes,
    generation: r.generation,
    totalSeconds: r.totalSeconds,
    workloads: r.rows.map((row) => ({
      ...row,
      ratio: row.raw && row.http ? row.http.reqPerSec / row.raw.opsPerSec : null,
    })),
    balancerRssMb: r.balancerRssMb,
    ledgerImport: r.imported,
    soak: r.soak,
    volunteering: r.volunteering,
    dashboardCheck: r.dashboardCheck,
    shardChecks: r.shardChecks,
    table: lines.join('\n'),
    goals: goalLines.join('\n'),
    caseload: r.caseload,
    summary,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}
