// npm run bench -- --scale community|city --db pglite|postgres://… [--seconds 10] [--connections 10] [--clients N]
//   [--import-rows 100000] [--no-import] [--regenerate] [--processes N] [--soak SECONDS [--soak-rate 50]]
// Generates (or reuses) the dataset, measures each workload's raw-SQL floor with the server stopped, then the real
// endpoints through a spawned Linli server under autocannon (with --processes N again through a balancer in front of
// N servers), and the ledger import; prints a table and writes JSON. --soak replaces the floors, the endpoint phase
// and the import with a fixed-rate mixed load (bench/src/soak.ts).
import { mkdirSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '../../apps/server/src/platform/db';
import {
  createDatabaseOn,
  dropDatabaseOn,
  isCitusServer,
  serverNodes,
} from '../../apps/server/src/platform/citus-databases';
import { migrate } from '../../apps/server/src/platform/migrate';
import { chinaToday } from '../../apps/server/src/platform/dates';
import { openPglite, openPostgres, type Engine } from './engine';
import {
  BENCH_PASSWORD,
  DISTRICT,
  DISTRICT_OFFICER,
  SCALES,
  STRESS,
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
  captureHome,
  captureWorklist,
  recordVisitRaw,
  type Who,
} from './raw';
import { freePort, login, startServer, type Server } from './http';
import { copyBaseline, importRows } from './ledger';
import { captureIntake, captureQueue, ensureRequestData } from './requests';
import { setupVolunteering } from './volunteering-bench';
import { buildEndpoints, endpointPhase } from './endpoints';
import { measureFloors, type Workload } from './floors';
import { importOverHttp, type ImportResult } from './import-phase';
import { startBalancer, type Balancer } from './balancer';
import { runSoak, type SoakResult } from './soak';
import { report, type Row } from './report';
import { emptyCheck, recording, shardCheckLines, type ShardCheck } from './citus-check';

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
/** A Citus coordinator (issue 14): the bench's database is made on every node and the migrations distribute it. */
const isCitus = isPg && (await isCitusServer(dbArg));
const dbLabel = isCitus ? 'citus' : isPg ? 'postgres' : 'pglite';
/** --processes N: the endpoint phase once against one server, then through a balancer in front of N (PostgreSQL). */
const processes = Number(args.processes ?? 1);
if (!Number.isInteger(processes) || processes < 1) throw new Error('--processes must be a whole number ≥ 1');
if (processes > 1 && !isPg)
  throw new Error(
    `--processes ${processes} needs PostgreSQL (--db postgres://…): PGlite runs inside one server process and cannot be shared by several`,
  );
/** --soak SECONDS (alone: 600) at --soak-rate requests/s replaces the floors, the endpoint phase and the import. */
const soakSeconds = args.soak === undefined ? 0 : args.soak === true ? 600 : Number(args.soak);
const soakRate = Number(args['soak-rate'] ?? 50);
if (args.soak !== undefined && !(soakSeconds > 0)) throw new Error('--soak takes a number of seconds');
if (!(soakRate > 0)) throw new Error('--soak-rate takes requests per second');
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
    log(`[bench] creating database ${dbName}${isCitus ? ' on every node of the Citus cluster' : ''}`);
    const nodes = await serverNodes(dbArg, isCitus);
    await dropDatabaseOn(nodes, dbName);
    await createDatabaseOn(nodes, dbName, isCitus);
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
// Record visit runs as another worker of the same community: recording books each next visit weeks ahead, so the
// measured worker's own worklist and 工作台 would empty out over a run (a caseload of ~200 is recorded many times).
const recorder: Who = {
  id: await userId(workerName(0, 1)),
  username: workerName(0, 1),
  roles: ['community_worker'],
  prefixes: [comm0],
  seesAllMinors: false,
};
const stressWorker: Who = {
  id: await userId(STRESS.worker),
  username: STRESS.worker,
  roles: ['community_worker'],
  prefixes: [STRESS.code],
  seesAllMinors: false,
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
    await engine.query(`SELECT id FROM visits WHERE assignee_id = $1 AND status = 'planned' ORDER BY id`, [recorder.id])
  ).map((r) => String(r.id)),
);
log(
  `[bench] ${clientIds.length} client ids of ${worker.username} and ${visitPool.length} planned visit ids of ${recorder.username} (${comm0}) prefetched`,
);
const caseload = {
  worker: clientIds.length,
  stress: Number(
    (await engine.query('SELECT count(*)::int AS n FROM clients WHERE assignee_id = $1', [stressWorker.id]))[0]!.n,
  ),
};
let clientCursor = 0;
const nextClient = () => clientIds[clientCursor++ % clientIds.length]!;

// ---- raw floors (server not running) ----------------------------------------------------------------------------
const rawConcurrency = isPg ? connections : 1;
const rawOp = (engineRef: () => Engine) => (c: { sql: string; params: unknown[] }) =>
  engineRef().query(c.sql, c.params);
const run = rawOp(() => engine);

const worklistRaw = await captureWorklist(engine, worker, today, now);
const stressWorklistRaw = await captureWorklist(engine, stressWorker, today, now);
const homeRaw = await captureHome(engine, worker, today, now);
const detailRaw = await captureDetail(engine, clientIds[0]!, worker.id, worker.prefixes);
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
const recordRaw = recordVisitRaw(engine, recorder, today);
const intakeRaw = await captureIntake(engine, worker, comm0, today);
const queueRaw = await captureQueue(engine, worker, now);
// Volunteering (issue 12): generated once per dataset; check-in and counter redemption under concurrency.
const volunteering = await setupVolunteering(engine, { community: comm0, worker, keyFile, log });
const recordOne = async () => {
  const id = visitPool.shift();
  if (!id) throw new Error('visit pool empty');
  const next = await recordRaw(id);
  if (next) visitPool.push(next);
};
// On Citus: every statement of one call of each worker path (and the dashboards, for contrast) EXPLAINed.
const shardChecks: ShardCheck[] = [];
if (isCitus) {
  const check = async (name: string, call: (e: Engine) => Promise<unknown>) => {
    const into = emptyCheck(name);
    const { engine: recorded, explainInto } = recording(engine);
    await call(recorded);
    await explainInto(into);
    shardChecks.push(into);
  };
  const via = (e: Engine) => rawOp(() => e);
  await check('worklist', (e) => worklistRaw(via(e)));
  await check('client detail', (e) => detailRaw(via(e), clientIds[1] ?? clientIds[0]!));
  await check('record visit', async (e) => {
    const id = visitPool.shift();
    const next = id ? await recordVisitRaw(e, recorder, today)(id) : null;
    if (next) visitPool.push(next);
  });
  await check('worker home', (e) => homeRaw(via(e)));
  await check('request queue', (e) => queueRaw(via(e)));
  // The love bank (issue 14): a check-in, and a redemption (the volunteer's and the supermarket's accounts, the
  // transfer and its two postings).
  for (const [name, call] of Object.entries(volunteering.checks)) await check(name, call);
  await check('dashboard (supervisor)', (e) => dashSupRaw(via(e)));
  await check('dashboard (district)', (e) => dashDistRaw(via(e)));
  for (const line of shardCheckLines(shardChecks)) log(`[bench] ${line}`);
}
const workerPages: Workload[] = [
  { name: 'worklist', raw: () => worklistRaw(run) },
  { name: 'client detail', raw: () => detailRaw(run, nextClient()) },
  { name: 'record visit', raw: recordOne },
  { name: 'worker home', raw: () => homeRaw(run) },
];
const workloads: Workload[] = [
  ...workerPages,
  // Issue 13 goal 2: the same four pages one request at a time, on both sides (p95 is the target).
  ...workerPages.map((w) => ({ ...w, name: `${w.name} (latency)`, slow: true })),
  { name: 'worklist (stress worker, 10,000 clients)', raw: () => stressWorklistRaw(run) },
  { name: 'dashboard (supervisor)', raw: () => dashSupRaw(run) },
  { name: 'dashboard (district)', raw: () => dashDistRaw(run) },
  // The same request one at a time: the latency a district officer sees, without nine others queueing on 2 cores.
  { name: 'dashboard (district, latency)', raw: () => dashDistRaw(run), slow: true },
  { name: 'ledger export', raw: () => exportRaw(run), slow: true, minOps: 3 },
  { name: 'request intake', raw: intakeRaw },
  { name: 'request queue', raw: () => queueRaw(run) },
  ...volunteering.workloads,
];
let rows: Row[] = [];
if (!soakSeconds) {
  log(
    `[bench] raw SQL floors, ${isPg ? `pg.Pool, ${rawConcurrency} concurrent` : 'PGlite, 1 connection'}, ${seconds} s each — measured with the Linli server stopped`,
  );
  rows = await measureFloors(engine, workloads, { seconds, concurrency: rawConcurrency, slowMs: SLOW_MS, log });
}

// ---- ledger import: rows, workbook, COPY floor ------------------------------------------------------------------
const runSeed = Math.floor(Date.now() / 1000) % 1_000_003;
const fullRows = importTarget > 0 && !args['no-import'] && !soakSeconds ? importRows(importTarget, runSeed) : [];
let copyFloor: Awaited<ReturnType<typeof copyBaseline>> | null = null;
if (fullRows.length) {
  copyFloor = await copyBaseline(engine, fullRows);
  log(
    `[bench] import floor: ${fullRows.length} client rows by ${copyFloor.method}: ${fmt(copyFloor.seconds, 2)} s = ${fmt(copyFloor.rowsPerSec)} rows/s`,
  );
}
await volunteering.beforeServer();
// On Citus: how the cluster holds the data, for the report.
const clusterShape = isCitus
  ? (
      await engine.query(
        `SELECT (SELECT shard_count FROM citus_tables WHERE table_name = 'clients'::regclass) AS shards,
           (SELECT count(*) FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary')::int AS workers`,
      )
    ).map((r) => ` (${String(r.shards)} shards per distributed table, ${String(r.workers)} workers)`)[0]
  : '';
// On Citus the shards live on the workers: the coordinator's database plus each worker's.
const dbBytes = Number(
  (
    await engine.query(
      isCitus
        ? `SELECT (pg_database_size(current_database()) + (SELECT coalesce(sum(result::bigint), 0)
             FROM run_command_on_workers('SELECT pg_database_size(current_database())')))::bigint AS n`
        : 'SELECT pg_database_size(current_database())::bigint AS n',
    )
  )[0]!.n,
);
await engine.close();

// ---- the real server(s) -----------------------------------------------------------------------------------------
const serverEnv: Record<string, string> = {
  LINLI_DEMO: '0',
  LINLI_LOG_LEVEL: 'warn',
  LINLI_LOGIN_LIMIT_PER_IP: '100000',
  LINLI_LOGIN_LIMIT_PER_USER: '100000',
  LINLI_KEY_FILE: keyFile,
  LINLI_AUDIT_ANCHOR_FILE: anchorFile,
  ...(isPg ? { DATABASE_URL: benchUrl! } : { LINLI_DATA_DIR: pgliteDir! }),
};
const servers: Server[] = [];
let balancer = null as Balancer | null;
let importResult: ImportResult | null = null;
let soak: SoakResult | null = null;
let balancerRssMb: number | null = null;
async function addServer(): Promise<Server> {
  const port = await freePort();
  log(`[bench] starting a Linli server on 127.0.0.1:${port} (${isPg ? 'PostgreSQL' : 'PGlite'})`);
  const srv = await startServer(repoRoot, serverEnv, port);
  servers.push(srv);
  log(`[bench] server up: node pid ${srv.nodePid()}, RSS ${srv.rssMb()} MB idle`);
  return srv;
}
/** The other processes of --processes N, and the balancer in front of all N. */
async function widen(): Promise<Balancer> {
  while (servers.length < processes) await addServer();
  balancer = await startBalancer(
    servers.map((s) => s.base),
    await freePort(),
  );
  log(
    `[bench] balancer on ${balancer.base} (pid ${balancer.pid}), round robin over ${servers.length} server processes`,
  );
  return balancer;
}
const rssOfAll = () => servers.map((s) => s.rssMb());
try {
  const srv = await addServer();
  // Sessions live in the database: valid on every process.
  const sessions = {
    worker: await login(srv.base, worker.username, BENCH_PASSWORD),
    supervisor: await login(srv.base, supervisor.username, BENCH_PASSWORD),
    district: await login(srv.base, district.username, BENCH_PASSWORD),
    stress: await login(srv.base, stressWorker.username, BENCH_PASSWORD),
    recorder: await login(srv.base, recorder.username, BENCH_PASSWORD),
  };
  const endpoints = buildEndpoints({
    sessions,
    community: comm0,
    today,
    nextClient,
    visitPool,
    more: volunteering.endpoints(sessions.worker),
  });
  if (soakSeconds) {
    const base = processes > 1 ? (await widen()).base : srv.base;
    soak = await runSoak({ base, endpoints, seconds: soakSeconds, rate: soakRate, rssMb: rssOfAll, log });
  } else {
    const phase = rows.map((r) => ({ name: r.workload, sequential: r.sequential }));
    log(
      `[bench] endpoints, autocannon ${connections} connections, ${seconds} s each (slow ones: one request at a time)`,
    );
    const one = await endpointPhase({ base: srv.base, rssMb: () => [srv.rssMb()] }, phase, endpoints, {
      seconds,
      connections,
      log,
    });
    one.forEach((r, i) => Object.assign(rows[i]!, { http: r.http, rssMb: r.rssMb[0] ?? null }));
    if (processes > 1) {
      const lb = await widen();
      log(`[bench] endpoints again, through the balancer in front of ${processes} server processes`);
      const many = await endpointPhase({ base: lb.base, rssMb: rssOfAll }, phase, endpoints, {
        seconds,
        connections,
        log,
        warmUps: 2 * processes,
      });
      many.forEach((r, i) => {
        const row = rows[i]!;
        const scaling = r.http.reqPerSec / row.http!.reqPerSec;
        row.processes = { n: processes, http: r.http, rssMb: r.rssMb, scaling };
        log(`  ${row.workload.padEnd(24)} scaling ${scaling.toFixed(2)}×`);
      });
      balancerRssMb = lb.rssMb();
    }
    if (fullRows.length)
      importResult = await importOverHttp(srv, {
        fullRows,
        runSeed,
        budgetSeconds: Number(args['import-budget'] ?? 180),
        floor: copyFloor,
        log,
      });
  }
} finally {
  await balancer?.stop();
  for (const server of servers) {
    const tail = server.output
      .join('')
      .split('\n')
      .filter((l) => /error|warn/i.test(l))
      .slice(-5);
    if (tail.length) log(`[bench] server warnings/errors (last 5):\n${tail.join('\n')}`);
    await server.stop();
  }
  log(`[bench] server${servers.length > 1 ? 's' : ''} stopped`);
}

// ---- report ----------------------------------------------------------------------------------------------------------
const file = report({
  benchDir,
  variant,
  config: cfg,
  dbLabel,
  dbShown: isPg ? `${benchUrl!.replace(/\/\/[^@]*@/, '//')}${clusterShape}` : null,
  today,
  seconds,
  connections,
  rawConcurrency,
  processes,
  databaseBytes: dbBytes,
  generation,
  communities: cfg.communities,
  requests: requestData.requests,
  volunteering: volunteering.info,
  dashboardCheck,
  dashboardCheckLine,
  shardChecks,
  rows,
  imported: importResult,
  soak,
  balancerRssMb,
  totalSeconds: (performance.now() - runStart) / 1000,
  caseload,
});
console.log(`[bench] wrote ${path.relative(repoRoot, file)}`);
process.exit(0);
