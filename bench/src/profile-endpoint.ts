// Where one endpoint's time goes in the server (issue 13 goals 2 and 3): the compiled server on a generated bench
// database profiles itself while one user sends the same GET one at a time, after a warm-up; prints the time per
// request and the profile's summary (by package and by function), and keeps the .cpuprofile for Chrome's DevTools.
//   npx tsx bench/src/profile-endpoint.ts --db postgres://postgres@127.0.0.1:5432/linli_bench_city [--scale city]
//     [--path detail | /api/care/worklist | …] [--user NAME] [--requests 1500] [--out DIR] [--env K=V,…]
// `--path detail` walks the measured worker's clients (the bench's client detail). `--user` signs in as another
// generated user (the measured worker by default), e.g. `--user bdistrict --path /api/care/overdue`. The database and its key file are
// those `npm run bench -- --scale S --db postgres://…` made (bench/.data/postgres-S.keys.json).
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { profilerPreload, summariseProfile } from './cpu-profile';
import { BENCH_PASSWORD, workerName } from './generate';
import { freePort, login, startServer } from './http';
import { envOption, generatedDatabaseEnv, repoRootOf, scriptArgs } from './script-args';

const args = scriptArgs();
const repoRoot = repoRootOf(args);
const db = args.db;
if (!db?.startsWith('postgres')) throw new Error('--db postgres://… of a generated bench database');
const scale = args.scale ?? 'city';
const requests = Number(args.requests ?? 1500);
const target = args.path ?? 'detail';
const out = path.resolve(args.out ?? mkdtempSync(path.join(os.tmpdir(), 'linli-profile-')));
mkdirSync(out, { recursive: true });

const probe = new pg.Client({ connectionString: db });
await probe.connect();
const worker = (await probe.query('SELECT id FROM users WHERE username = $1', [workerName(0)])).rows[0] as {
  id: string;
};
const clientIds = (
  await probe.query('SELECT id FROM clients WHERE assignee_id = $1 ORDER BY id', [worker.id])
).rows.map((r: { id: string }) => r.id);
await probe.end();
const pathOf = (i: number) => (target === 'detail' ? `/api/care/clients/${clientIds[i % clientIds.length]}` : target);

const srv = await startServer(
  repoRoot,
  {
    ...generatedDatabaseEnv(repoRoot, db, scale),
    NODE_OPTIONS: profilerPreload(out, out, 'SIGUSR2'),
    ...envOption(args),
  },
  await freePort(),
);
try {
  const session = await login(srv.base, args.user ?? workerName(0), BENCH_PASSWORD);
  const get = async (i: number) => {
    const res = await fetch(srv.base + pathOf(i), { headers: { cookie: session.cookie } });
    if (res.status !== 200) throw new Error(`${pathOf(i)}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 200; i++) await get(i); // warm-up: JIT, plan caches, prepared statements
  process.kill(srv.nodePid(), 'SIGUSR2');
  const started = performance.now();
  for (let i = 0; i < requests; i++) await get(i);
  console.log(
    `${requests} × GET ${target}, one at a time: ${((performance.now() - started) / requests).toFixed(2)} ms each`,
  );
} finally {
  await srv.stop();
}
const profile = readdirSync(out).find((f) => f.endsWith('.cpuprofile'));
if (!profile) throw new Error(`no profile written in ${out}`);
console.log(`${path.join(out, profile)}\n${summariseProfile(path.join(out, profile))}`);
