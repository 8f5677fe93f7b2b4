// Measures the ledger import alone (issue 13 goal 4): a fresh database (PostgreSQL or PGlite) with the import
// community and its worker, the real compiled server (startServer), one upload of the largest generated workbook the
// server accepts, rows/s and the server's peak RSS (VmRSS every 200 ms).
//   npx tsx bench/src/import-measure.ts --db postgres://postgres@127.0.0.1:5432/linli_imp | --db pglite
//     [--rows 100000] [--dry-run] [--cpu-prof DIR] [--env K=V,…] [--repo DIR] [--keep]
// A PostgreSQL database must be new and empty (CREATE DATABASE linli_imp); PGlite gets a fresh directory each run.
// Also reported: the CPU seconds of the server process and of the database's backends during the upload (on a
// shared box the wall time moves with the load; the CPU shows where the work is).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XLSX_MIME } from '../../packages/contracts/src/care';
import { createDb } from '../../apps/server/src/platform/db';
import { migrate } from '../../apps/server/src/platform/migrate';
import { hashPassword } from '../../apps/server/src/modules/users/password-hash';
import { openPglite, openPostgres } from './engine';
import { BENCH_PASSWORD, DISTRICT, IMPORT_COMMUNITY, streetCode } from './generate';
import { profilerPreload } from './cpu-profile';
import { freePort, login, startServer, upload } from './http';
import { importRows, ledgerXlsx } from './ledger';
import { envOption, repoRootOf, scriptArgs } from './script-args';

const args = scriptArgs();
const repoRoot = repoRootOf(args);
const dbArg = args.db ?? 'pglite';
const isPg = dbArg.startsWith('postgres');
const target = Number(args.rows ?? 100_000);
const maxBytes = Number(args['max-mb'] ?? 20) * 1024 * 1024;
const work = mkdtempSync(path.join(os.tmpdir(), 'linli-imp-'));

// ---- the workbook: the target rows, or the most that fit the body limit --------------------------------------------
const seed = Math.floor(Date.now() / 1000) % 1_000_003;
let rows = importRows(target, seed);
let file = await ledgerXlsx(rows);
const fullBytes = file.length;
while (file.length > maxBytes) {
  const fit = Math.floor((rows.length * maxBytes * 0.995) / file.length);
  rows = rows.slice(0, fit);
  file = await ledgerXlsx(rows);
}
console.log(
  `workbook: ${target} rows = ${(fullBytes / 1048576).toFixed(2)} MB; uploading ${rows.length} rows = ${(file.length / 1048576).toFixed(2)} MB (limit ${maxBytes / 1048576} MB)`,
);

// ---- a fresh database with the import community and its worker ---------------------------------------------------
const dataDir = isPg ? null : path.join(work, 'pglite');
{
  const database = await createDb({ databaseUrl: isPg ? dbArg : null, dataDir: dataDir ?? 'memory://' });
  await migrate(database);
  await database.close();
}
const engine = isPg ? await openPostgres(dbArg, 1) : await openPglite(dataDir!);
const hash = await hashPassword(BENCH_PASSWORD);
const workerId = 'e0000000-0000-4000-8000-000000000002';
await engine.query(`INSERT INTO areas (code, parent_code, level, name, created_at, updated_at) VALUES
  ('${DISTRICT}', NULL, 'district', '基准区', now(), now()),
  ('${streetCode(1)}', '${DISTRICT}', 'street', '基准第1街道', now(), now()),
  ('${IMPORT_COMMUNITY.code}', '${streetCode(1)}', 'community', '${IMPORT_COMMUNITY.name}', now(), now())`);
await engine.query(
  `INSERT INTO users (id, username, display_name, password_hash, password_changed_at, created_at, updated_at)
   VALUES ('${workerId}', '${IMPORT_COMMUNITY.worker}', '导入工作者', '${hash}', now(), now(), now())`,
);
await engine.query(`INSERT INTO user_roles VALUES ('${workerId}', 'community_worker')`);
await engine.query(`INSERT INTO user_areas VALUES ('${workerId}', '${IMPORT_COMMUNITY.code}')`);
await engine.close();

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving this database, but the probe's own (their CPU is the database's share). */
const probe = isPg ? await openPostgres(dbArg, 1) : null;
async function backendPids(): Promise<number[]> {
  if (!probe) return [];
  const rows = await probe.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.map((r) => Number(r.pid));
}

// ---- the compiled server, one upload ------------------------------------------------------------------------------
const port = await freePort();
// --cpu-prof DIR: the server profiles itself from its start and writes DIR/server-<pid>.cpuprofile when it exits.
const cpuProf = args['cpu-prof'] ? path.resolve(args['cpu-prof']) : null;
if (cpuProf) mkdirSync(cpuProf, { recursive: true });
const srv = await startServer(
  repoRoot,
  {
    LINLI_DEMO: '0',
    LINLI_LOG_LEVEL: 'warn',
    LINLI_KEY_FILE: path.join(work, 'keys.json'),
    LINLI_AUDIT_ANCHOR_FILE: path.join(work, 'anchors.jsonl'),
    ...(isPg ? { DATABASE_URL: dbArg } : { LINLI_DATA_DIR: dataDir! }),
    ...(cpuProf ? { NODE_OPTIONS: profilerPreload(work, cpuProf, 'boot') } : {}),
    ...envOption(args),
  },
  port,
);
try {
  const session = await login(srv.base, IMPORT_COMMUNITY.worker, BENCH_PASSWORD);
  const idleRss = srv.rssMb();
  let peak = 0;
  // CPU of the server and of the database's backends (sampled too, in case one ends before the upload does).
  const serverCpu0 = cpuSeconds(srv.nodePid());
  const backends = new Map<number, { start: number; last: number }>();
  const noteBackends = async (fresh: boolean) => {
    for (const pid of await backendPids())
      if (!backends.has(pid)) backends.set(pid, { start: fresh ? cpuSeconds(pid) : 0, last: cpuSeconds(pid) });
  };
  await noteBackends(true);
  const timer = setInterval(() => {
    peak = Math.max(peak, srv.rssMb() ?? 0);
    for (const [pid, b] of backends) b.last = Math.max(b.last, cpuSeconds(pid));
    void noteBackends(false); // a connection opened during the import counts from 0
  }, 200);
  const query = args['dry-run'] === 'true' ? '?dryRun=true' : '';
  const res = await upload(srv.base, session, `/api/care/ledger/import${query}`, file, XLSX_MIME);
  clearInterval(timer);
  const serverCpu = cpuSeconds(srv.nodePid()) - serverCpu0;
  let dbCpu = 0;
  for (const [pid, b] of backends) dbCpu += Math.max(b.last, cpuSeconds(pid)) - b.start;
  const body = res.json as { total?: number; created?: number; skippedExisting?: number; rejected?: unknown[] };
  console.log(
    JSON.stringify({
      engine: isPg ? 'postgres' : 'pglite',
      dryRun: query !== '',
      rows: rows.length,
      fileMb: Number((file.length / 1048576).toFixed(2)),
      status: res.status,
      seconds: Number(res.seconds.toFixed(2)),
      rowsPerSec: Math.round(rows.length / res.seconds),
      idleRssMb: idleRss,
      peakRssMb: peak,
      serverCpuSeconds: Number(serverCpu.toFixed(1)),
      ...(isPg ? { databaseCpuSeconds: Number(dbCpu.toFixed(1)) } : {}),
      loadAverage: os.loadavg()[0]!.toFixed(1),
      total: body.total,
      created: body.created,
      skippedExisting: body.skippedExisting,
      rejected: body.rejected?.length,
    }),
  );
  if (res.status !== 200) console.log(JSON.stringify(res.json).slice(0, 1000));
} finally {
  await srv.stop();
  await probe?.close();
  if (srv.output.join('').trim()) console.log(`server output:\n${srv.output.join('').slice(-3000)}`);
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}
