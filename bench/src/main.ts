// npm run bench -- --scale community|city --db pglite|postgres://… [--seconds 10] [--connections 10] [--clients N]
//   [--import-rows 100000] [--no-import] [--regenerate]
// Generates (or reuses) the dataset, measures each workload's raw-SQL floor with the server stopped, then the real
// endpoints through a spawned Linli server under autocannon, and the ledger import; prints a table and writes JSON.
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { createDb } from '../../apps/server/src/platform/db';
import { migrate } from '../../apps/server/src/platform/migrate';
import { chinaToday } from '../../apps/server/src/platform/dates';
import { XLSX_MIME } from '../../packages/contracts/src/care';
import { openPglite, openPostgres, type Engine } from './engine';
import {
  BENCH_PASSWORD,
  DISTRICT,
  DISTRICT_OFFICER,
  IMPORT_COMMUNITY,
  SCALES,
  type ScaleConfig,
  communityCode,
  generate,
  supervisorName,
  workerName,
} from './generate';
import {
  captureDashboard,
  compareDashboardWithNaive,
  captureDetail,
  captureExport,
  captureWorklist,
  recordVisitRaw,
  runFor,
  type LoadResult,
  type Who,
} from './raw';
import {
  cannon,
  freePort,
  login,
  sequential,
  startServer,
  upload,
  type HttpResult,
  type Server,
  type Session,
} from './http';
import { copyBaseline, importRows, ledgerXlsx } from './ledger';
import { captureIntake, captureQueue, ensureRequestData, intakeBody } from './requests';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, '..');
const repoRoot = path.resolve(benchDir, '..');

function parseArgs(argv: string[]) {
  const args: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (v !== undefined) args[k] = v;
    else if (argv[i + 1] && !argv[i + 1]!.startsWith('--')) args[k] = argv[++i]!;
    else args[k] = true;
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const scaleName = String(args.scale ?? 'community');
const dbArg = String(args.db ?? 'pglite');
const seconds = Number(args.seconds ?? 10);
const connections = Number(args.connections ?? 10);
const importTarget = Number(args['import-rows'] ?? 100_000);
/** A workload whose single warm-up call takes longer than this runs one at a time, bounded by count (raw and HTTP alike). */
const SLOW_MS = Number(args['slow-ms'] ?? 250);
if (!SCALES[scaleName]) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
const cfg: ScaleConfig = { ...SCALES[scaleName]! };
if (args.clients) cfg.clients = Number(args.clients);
if (args.communities) cfg.communities = Number(args.communities);
const variant =
  cfg.clients === SCALES[scaleName]!.clients && cfg.communities === SCALES[scaleName]!.communities
    ? scaleName
    : `${scaleName}_c${cfg.clients}_n${cfg.communities}`;
const isPg = dbArg.startsWith('postgres');
const dbLabel = isPg ? 'postgres' : 'pglite';
const log = (s: string) => console.log(s);
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const runStart = performance.now();

// ---- database: create or reuse --------------------------------------------------------------------------------
const dataRoot = path.join(benchDir, '.data');
mkdirSync(dataRoot, { recursive: true });
const keyFile = path.join(dataRoot, `${dbLabel}-${variant}.keys.json`);
// The server's audit anchors (ADR 0006) belong to this database and key file, not to every variant in .data.
const anchorFile = path.join(dataRoot, `${dbLabel}-${variant}.audit-anchors.jsonl`);
let benchUrl: string | null = null;
let pgliteDir: string | null = null;

async function markerMatches(
  engine: Engine,
): Promise<{ today: string; seconds: number; counts: Record<string, number> } | null> {
  const [exists] = await engine.query(`SELECT to_regclass('public.bench_marker') IS NOT NULL AS ok`);
  if (!exists?.ok) return null;
  const [row] = await engine.query(
    'SELECT params, today::text AS today, seconds, counts FROM bench_marker WHERE scale = $1',
    [cfg.scale],
  );
  if (!row) return null;
  const params = (typeof row.params === 'string' ? JSON.parse(row.params) : row.params) as ScaleConfig;
  // jsonb reorders keys: compare field by field.
  if ((Object.keys(cfg) as (keyof ScaleConfig)[]).some((k) => params[k] !== cfg[k])) return null;
  return {
    today: String(row.today),
    seconds: Number(row.seconds),
    counts: (typeof row.counts === 'string' ? JSON.parse(row.counts) : row.counts) as Record<string, number>,
  };
}

let reused: Awaited<ReturnType<typeof markerMatches>> = null;
if (isPg) {
  const dbName = `linli_bench_${variant}`;
  const url = new URL(dbArg);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname))
    throw new Error('loopback PostgreSQL only (127.0.0.1)');
  url.pathname = `/${dbName}`;
  benchUrl = url.toString();
  const admin = await openPostgres(dbArg, 1);
  const [found] = await admin.query('SELECT 1 AS ok FROM pg_database WHERE datname = $1', [dbName]);
  if (found && !args.regenerate) {
    const probe = await openPostgres(benchUrl, 1);
    reused = await markerMatches(probe);
    await probe.close();
  }
  if (!reused) {
    log(`[bench] creating database ${dbName}`);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    rmSync(keyFile, { force: true });
    rmSync(anchorFile, { force: true });
  }
  await admin.close();
} else {
  pgliteDir = path.join(dataRoot, `pglite-${variant}`);
  if (existsSync(pgliteDir) && !args.regenerate) {
    const probe = await openPglite(pgliteDir);
    reused = await markerMatches(probe).catch(() => null);
    await probe.close();
  }
  if (!reused) {
    rmSync(pgliteDir, { recursive: true, force: true });
    rmSync(keyFile, { force: true });
    rmSync(anchorFile, { force: true });
  }
}

// Migrate with the server's own code, then open the bench's handle.
{
  const database = await createDb({ databaseUrl: benchUrl, dataDir: pgliteDir ?? 'memory://' });
  const applied = await migrate(database);
  if (applied.length) log(`[bench] migrations applied: ${applied.join(', ')}`);
  await database.close();
}
const engine = isPg ? await openPostgres(benchUrl!, connections) : await openPglite(pgliteDir!);

const now = new Date();
const today = chinaToday(now);
let generation: {
  seconds: number;
  reused: boolean;
  steps?: unknown;
  counts: Record<string, number>;
  generatedOn: string;
};
if (reused) {
  log(
    `[bench] reusing ${dbLabel} dataset '${variant}' generated on ${reused.today} (bench_marker); generation then took ${reused.seconds} s`,
  );
  generation = { seconds: reused.seconds, reused: true, counts: reused.counts, generatedOn: reused.today };
} else {
  log(
    `[bench] generating '${variant}': ${cfg.clients} clients, ${cfg.communities} communities, ${cfg.streets} streets, today ${today}`,
  );
  const g = await generate(engine, cfg, today, log);
  log(`[bench] generated in ${g.seconds.toFixed(1)} s: ${JSON.stringify(g.counts)}`);
  generation = { seconds: g.seconds, reused: false, steps: g.steps, counts: g.counts, generatedOn: today };
}

// Requests (issue 11): generated once per dataset, also into one generated before they existed.
const requestData = await ensureRequestData(engine, cfg, today, log);
if (!requestData.generated) log(`[bench] ${requestData.requests} requests already in the dataset`);

// ---- who is who ------------------------------------------------------------------------------------------------
const comm0 = communityCode(0, cfg.streets);
async function userId(username: string): Promise<string> {
  const [row] = await engine.query('SELECT id FROM users WHERE username = $1', [username]);
  if (!row) throw new Error(`no user ${username}`);
  return String(row.id);
}
const worker: Who = {
  id: await userId(workerName(0)),
  username: workerName(0),
  roles: ['community_worker'],
  prefixes: [comm0],
  seesAllMinors: false,
};
const supervisor: Who = {
  id: await userId(supervisorName(0)),
  username: supervisorName(0),
  roles: ['community_supervisor'],
  prefixes: [comm0],
  seesAllMinors: true,
};
const district: Who = {
  id: await userId(DISTRICT_OFFICER),
  username: DISTRICT_OFFICER,
  roles: ['district_officer'],
  prefixes: [DISTRICT.slice(0, 6)],
  seesAllMinors: false,
};

const shuffle = <T>(xs: T[]) => {
  let seed = 42;
  for (let i = xs.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
};
const clientIds = shuffle(
  (
    await engine.query('SELECT id FROM clients WHERE area_code = $1 AND assignee_id = $2 ORDER BY id LIMIT 5000', [
      comm0,
      worker.id,
    ])
  ).map((r) => String(r.id)),
);
// Planned visits of the worker, in random order; each record books the next one, which joins the end of the pool.
const visitPool = shuffle(
  (
    await engine.query(`SELECT id FROM visits WHERE assignee_id = $1 AND status = 'planned' ORDER BY id`, [worker.id])
  ).map((r) => String(r.id)),
);
log(
  `[bench] ${clientIds.length} client ids and ${visitPool.length} planned visit ids of ${worker.username} (${comm0}) prefetched`,
);
let clientCursor = 0;
const nextClient = () => clientIds[clientCursor++ % clientIds.length]!;

// ---- raw floors (server not running) ----------------------------------------------------------------------------
interface Row {
  workload: string;
  raw: LoadResult | null;
  http: HttpResult | null;
  rssMb: number | null;
  note: string;
}
const rows: Row[] = [];
const rawConcurrency = isPg ? connections : 1;
const rawOp = (engineRef: () => Engine) => (c: { sql: string; params: unknown[] }) =>
  engineRef().query(c.sql, c.params);
const run = rawOp(() => engine);

async function timeOnce(op: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await op();
  return performance.now() - s;
}

interface Workload {
  name: string;
  raw: () => Promise<unknown>;
  slow?: boolean;
  minOps?: number;
}
const worklistRaw = await captureWorklist(engine, worker, today, now);
const detailRaw = await captureDetail(engine, clientIds[0]!, worker.id);
const dashSupRaw = await captureDashboard(engine, supervisor, today);
const dashDistRaw = await captureDashboard(engine, district, today);
// Correctness of the maintained rollups at this scale: the dashboard's figures against the naive aggregate.
const dashboardCheck = {
  supervisor: await compareDashboardWithNaive(engine, supervisor, today),
  district: await compareDashboardWithNaive(engine, district, today),
};
const dashboardCheckLine = `dashboard rollups equal the naive aggregate over visits: supervisor ${dashboardCheck.supervisor.equal ? 'yes' : 'NO'}, district ${dashboardCheck.district.equal ? 'yes' : 'NO'} (${dashboardCheck.district.overdueVisits} overdue visits district-wide; the naive aggregate takes ${fmt(dashboardCheck.supervisor.naiveMs, 0)} ms / ${fmt(dashboardCheck.district.naiveMs, 0)} ms)`;
log(`[bench] ${dashboardCheckLine}`);
const exportRaw = await captureExport(engine, supervisor, comm0, now);
const recordRaw = recordVisitRaw(engine, worker, today);
const intakeRaw = await captureIntake(engine, worker, comm0, today);
const queueRaw = await captureQueue(engine, worker, now);
const workloads: Workload[] = [
  { name: 'worklist', raw: () => worklistRaw(run) },
  { name: 'client detail', raw: () => detailRaw(run, nextClient()) },
  {
    name: 'record visit',
    raw: async () => {
      const id = visitPool.shift();
      if (!id) throw new Error('visit pool empty');
      const next = await recordRaw(id);
      if (next) visitPool.push(next);
    },
  },
  { name: 'dashboard (supervisor)', raw: () => dashSupRaw(run) },
  { name: 'dashboard (district)', raw: () => dashDistRaw(run) },
  // The same request one at a time: the latency a district officer sees, without nine others queueing on 2 cores.
  { name: 'dashboard (district, latency)', raw: () => dashDistRaw(run), slow: true },
  { name: 'ledger export', raw: () => exportRaw(run), slow: true, minOps: 3 },
  { name: 'request intake', raw: intakeRaw },
  { name: 'request queue', raw: () => queueRaw(run) },
];
const modes = new Map<string, { concurrency: number; sequential: boolean }>();
log(
  `[bench] raw SQL floors, ${isPg ? `pg.Pool, ${rawConcurrency} concurrent` : 'PGlite, 1 connection'}, ${seconds} s each — measured with the Linli server stopped`,
);
for (const w of workloads) {
  // The server folds the dashboard rollups' deltas every 5 s; with it stopped, fold what the writes before left.
  if (w.name.startsWith('dashboard')) await engine.query('SELECT care_fold_rollups()');
  const first = await timeOnce(w.raw);
  await timeOnce(w.raw);
  const slow = w.slow || first > SLOW_MS;
  const conc = slow ? 1 : rawConcurrency;
  modes.set(w.name, { concurrency: conc, sequential: slow });
  const r = await runFor(seconds, conc, w.raw, w.minOps ?? (slow ? 3 : 0));
  log(
    `  ${w.name.padEnd(24)} ${fmt(r.opsPerSec, 1).padStart(9)} ops/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  (${r.ops} ops, c=${conc}${r.errors ? `, ${r.errors} errors` : ''})`,
  );
  rows.push({
    workload: w.name,
    raw: r,
    http: null,
    rssMb: null,
    note: slow ? `slow (first call ${fmt(first)} ms): one at a time` : '',
  });
}

// ---- ledger import: rows, workbook, COPY floor ------------------------------------------------------------------
const runSeed = Math.floor(Date.now() / 1000) % 1_000_003;
let importResult: Record<string, unknown> | null = null;
const fullRows = importTarget > 0 && !args['no-import'] ? importRows(importTarget, runSeed) : [];
let copyFloor: Awaited<ReturnType<typeof copyBaseline>> | null = null;
if (fullRows.length) {
  copyFloor = await copyBaseline(engine, fullRows);
  log(
    `[bench] import floor: ${fullRows.length} client rows by ${copyFloor.method}: ${fmt(copyFloor.seconds, 2)} s = ${fmt(copyFloor.rowsPerSec)} rows/s`,
  );
}
const dbBytes = Number((await engine.query('SELECT pg_database_size(current_database())::bigint AS n'))[0]!.n);
await engine.close();

// ---- the real server ------------------------------------------------------------------------------------------------
const port = await freePort();
const serverEnv: Record<string, string> = {
  LINLI_DEMO: '0',
  LINLI_LOG_LEVEL: 'warn',
  LINLI_LOGIN_LIMIT_PER_IP: '100000',
  LINLI_LOGIN_LIMIT_PER_USER: '100000',
  LINLI_KEY_FILE: keyFile,
  LINLI_AUDIT_ANCHOR_FILE: anchorFile,
  ...(isPg ? { DATABASE_URL: benchUrl! } : { LINLI_DATA_DIR: pgliteDir! }),
};
log(`[bench] starting the Linli server on 127.0.0.1:${port} (${isPg ? 'PostgreSQL' : 'PGlite'})`);
let server: Server | null = null;
try {
  server = await startServer(repoRoot, serverEnv, port);
  const srv = server;
  log(`[bench] server up: node pid ${srv.nodePid()}, RSS ${srv.rssMb()} MB idle`);
  const sessions: Record<string, Session> = {
    worker: await login(srv.base, worker.username, BENCH_PASSWORD),
    supervisor: await login(srv.base, supervisor.username, BENCH_PASSWORD),
    district: await login(srv.base, district.username, BENCH_PASSWORD),
  };
  const visitedOn = today;
  const recordBody = JSON.stringify({ outcome: 'done', mode: 'home', visitedOn });
  const endpoints: Record<
    string,
    {
      session: Session;
      method?: 'GET' | 'POST';
      path: () => string;
      body?: string;
      onBody?: (s: number, b: string) => void;
    }
  > = {
    worklist: { session: sessions.worker!, path: () => '/api/care/worklist' },
    'client detail': { session: sessions.worker!, path: () => `/api/care/clients/${nextClient()}` },
    'record visit': {
      session: sessions.worker!,
      method: 'POST',
      body: recordBody,
      path: () => `/api/care/visits/${visitPool.shift() ?? '00000000-0000-4000-8000-000000000000'}/record`,
      onBody: (status, body) => {
        if (status !== 200) return;
        const next = (JSON.parse(body) as { nextVisit?: { id: string } | null }).nextVisit?.id;
        if (next) visitPool.push(next);
      },
    },
    'dashboard (supervisor)': { session: sessions.supervisor!, path: () => '/api/care/overdue' },
    'dashboard (district)': { session: sessions.district!, path: () => '/api/care/overdue' },
    'dashboard (district, latency)': { session: sessions.district!, path: () => '/api/care/overdue' },
    'ledger export': { session: sessions.supervisor!, path: () => `/api/care/ledger/export?communityCode=${comm0}` },
    'request intake': {
      session: sessions.worker!,
      method: 'POST',
      body: intakeBody(comm0),
      path: () => '/api/requests',
    },
    'request queue': { session: sessions.worker!, path: () => '/api/requests/queue' },
  };
  log(`[bench] endpoints, autocannon ${connections} connections, ${seconds} s each (slow ones: one request at a time)`);
  for (const row of rows) {
    const e = endpoints[row.workload]!;
    const mode = modes.get(row.workload)!;
    // Warm-up: two requests (JIT, plan caches), not counted.
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${srv.base}${e.path()}`, {
        method: e.method ?? 'GET',
        body: e.body,
        headers: {
          cookie: e.session.cookie,
          ...(e.method === 'POST' ? { 'x-csrf-token': e.session.csrf, 'content-type': 'application/json' } : {}),
        },
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${row.workload}: warm-up got ${res.status}: ${text.slice(0, 300)}`);
      e.onBody?.(res.status, text);
    }
    const r = mode.sequential
      ? await sequential({
          base: srv.base,
          session: e.session,
          method: e.method,
          path: e.path,
          body: e.body,
          onBody: e.onBody,
          seconds,
          minRequests: 3,
        })
      : await cannon({
          base: srv.base,
          session: e.session,
          method: e.method,
          path: e.path,
          body: e.body,
          seconds,
          connections,
          onBody: e.onBody,
        });
    row.http = r;
    row.rssMb = srv.rssMb();
    log(
      `  ${row.workload.padEnd(24)} ${fmt(r.reqPerSec, 1).padStart(9)} req/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  (${r.requests} ok, ${r.non2xx} non-2xx, ${r.errors} errors, c=${r.connections})  RSS ${row.rssMb} MB`,
    );
  }

  // ---- ledger import over HTTP ---------------------------------------------------------------------------------
  if (fullRows.length) {
    const importSession = await login(srv.base, IMPORT_COMMUNITY.worker, BENCH_PASSWORD);
    const LIMIT = 20 * 1024 * 1024;
    const fullFile = await ledgerXlsx(fullRows);
    log(
      `[bench] ledger import: ${fullRows.length}-row workbook is ${(fullFile.length / 1048576).toFixed(1)} MB (limit 20 MB)`,
    );
    // Pilot on 5,000 rows (other people) to see whether the full file can finish in a few minutes.
    const pilotRows = importRows(5000, runSeed + 500_000);
    const pilot = await upload(
      srv.base,
      importSession,
      '/api/care/ledger/import',
      await ledgerXlsx(pilotRows),
      XLSX_MIME,
    );
    const pilotCreated = Number((pilot.json as { created?: number }).created ?? 0);
    const pilotRate = pilotRows.length / pilot.seconds;
    log(
      `  pilot 5000 rows: HTTP ${pilot.status}, ${fmt(pilot.seconds, 1)} s = ${fmt(pilotRate)} rows/s, created ${pilotCreated}, RSS ${srv.rssMb()} MB`,
    );
    const budget = Number(args['import-budget'] ?? 180);
    let measured = fullRows.length;
    let capped = '';
    if (fullFile.length > LIMIT)
      capped = `the ${fullRows.length}-row file is ${(fullFile.length / 1048576).toFixed(1)} MB, over the 20 MB body limit`;
    if (fullRows.length / pilotRate > budget)
      capped = `${capped ? `${capped}; ` : ''}projected ${fmt(fullRows.length / pilotRate)} s at the pilot rate, over the ${budget} s budget`;
    if (capped)
      measured = Math.max(
        5000,
        Math.min(fullRows.length, Math.floor(Math.min(budget * pilotRate * 0.8, fullRows.length))),
      );
    const file =
      measured === fullRows.length && fullFile.length <= LIMIT
        ? fullFile
        : await ledgerXlsx(fullRows.slice(0, measured));
    if (capped) log(`  capped: ${capped}; importing ${measured} rows (${(file.length / 1048576).toFixed(1)} MB)`);
    let peakRss = 0;
    const rssTimer = setInterval(() => {
      peakRss = Math.max(peakRss, srv.rssMb() ?? 0);
    }, 200);
    const res = await upload(srv.base, importSession, '/api/care/ledger/import', file, XLSX_MIME);
    clearInterval(rssTimer);
    const body = res.json as { total?: number; created?: number; skippedExisting?: number; rejected?: unknown[] };
    const rate = measured / res.seconds;
    log(
      `  import ${measured} rows: HTTP ${res.status}, ${fmt(res.seconds, 1)} s = ${fmt(rate)} rows/s; created ${body.created}, existing ${body.skippedExisting}, rejected ${body.rejected?.length}; peak RSS ${peakRss} MB`,
    );
    importResult = {
      rowsTarget: fullRows.length,
      fullFileBytes: fullFile.length,
      rowsMeasured: measured,
      fileBytes: file.length,
      capped: capped || null,
      httpStatus: res.status,
      seconds: res.seconds,
      rowsPerSec: rate,
      created: body.created,
      skippedExisting: body.skippedExisting,
      rejected: body.rejected?.length,
      peakRssMb: peakRss,
      pilot: { rows: pilotRows.length, seconds: pilot.seconds, rowsPerSec: pilotRate, created: pilotCreated },
      floor: copyFloor,
      ratio: copyFloor ? rate / copyFloor.rowsPerSec : null,
    };
    if (res.status !== 200) log(`  import answer: ${JSON.stringify(res.json).slice(0, 500)}`);
  }
} finally {
  if (server) {
    const tail = server.output
      .join('')
      .split('\n')
      .filter((l) => /error|warn/i.test(l))
      .slice(-5);
    if (tail.length) log(`[bench] server warnings/errors (last 5):\n${tail.join('\n')}`);
    await server.stop();
    log('[bench] server stopped');
  }
}

// ---- report ----------------------------------------------------------------------------------------------------------
const header =
  '| workload | raw ops/s | endpoint req/s | ratio | p50 raw / endpoint (ms) | p99 raw / endpoint (ms) | server RSS (MB) |';
const lines = [header, '|---|---:|---:|---:|---:|---:|---:|'];
for (const r of rows) {
  const ratio = r.raw && r.http ? r.http.reqPerSec / r.raw.opsPerSec : NaN;
  const conc = r.raw ? (r.raw.concurrency === 1 && isPg ? ' (c=1)' : '') : '';
  lines.push(
    `| ${r.workload}${conc} | ${fmt(r.raw?.opsPerSec ?? NaN, r.raw && r.raw.opsPerSec < 10 ? 2 : 0)} | ${fmt(r.http?.reqPerSec ?? NaN, r.http && r.http.reqPerSec < 10 ? 2 : 0)} | ${fmt(ratio, 2)}× | ${fmt(r.raw?.p50 ?? NaN, 1)} / ${fmt(r.http?.p50 ?? NaN, 1)} | ${fmt(r.raw?.p99 ?? NaN, 1)} / ${fmt(r.http?.p99 ?? NaN, 1)} | ${r.rssMb ?? '—'} |`,
  );
}
if (importResult) {
  const ir = importResult as {
    rowsMeasured: number;
    rowsPerSec: number;
    floor: { rowsPerSec: number; method: string } | null;
    peakRssMb: number;
    capped: string | null;
  };
  lines.push(
    `| ledger import (${ir.rowsMeasured} rows${ir.capped ? ', capped' : ''}) vs ${isPg ? 'COPY' : 'multi-row INSERT'} | ${fmt(ir.floor?.rowsPerSec ?? NaN)} rows/s | ${fmt(ir.rowsPerSec)} rows/s | ${fmt(ir.floor ? ir.rowsPerSec / ir.floor.rowsPerSec : NaN, 3)}× | | | ${ir.peakRssMb} (peak) |`,
  );
}
const totalSeconds = (performance.now() - runStart) / 1000;
const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
const summary = [
  `Linli bench — scale ${variant} (${generation.counts.clients ?? '?'} clients, ${generation.counts.visits ?? '?'} visits, ${requestData.requests} requests, ${cfg.communities} communities), ${dbLabel}${isPg ? ` ${benchUrl!.replace(/\/\/[^@]*@/, '//')}` : ''}`,
  `${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${process.version}; ${today}; database ${(dbBytes / 2 ** 20).toFixed(0)} MB; generation ${generation.reused ? `reused (took ${generation.seconds} s on ${generation.generatedOn})` : `${fmt(generation.seconds, 1)} s`}; run ${fmt(totalSeconds)} s`,
  `raw: ${isPg ? `pg.Pool, ${rawConcurrency} concurrent` : 'PGlite, 1 connection'}, measured before the server started (server stopped); endpoint: autocannon ${connections} connections, ${seconds} s; rows marked (c=1) ran one at a time on both sides.`,
  dashboardCheckLine,
];
console.log(`\n${summary.join('\n')}\n\n${lines.join('\n')}\n`);

const resultsDir = path.join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${new Date().toISOString().slice(0, 10)}-${variant}-${dbLabel}.json`);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      command,
      scale: variant,
      config: cfg,
      db: dbLabel,
      date: new Date().toISOString(),
      today,
      machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      seconds,
      connections,
      rawConcurrency,
      rawMeasured: 'server stopped (before it started)',
      databaseBytes: dbBytes,
      generation,
      totalSeconds,
      workloads: rows.map((r) => ({ ...r, ratio: r.raw && r.http ? r.http.reqPerSec / r.raw.opsPerSec : null })),
      ledgerImport: importResult,
      dashboardCheck,
      table: lines.join('\n'),
      summary,
    },
    null,
    2,
  )}\n`,
);
console.log(`[bench] wrote ${path.relative(repoRoot, file)}`);
process.exit(0);
