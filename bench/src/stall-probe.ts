// How long one heavy request holds other users up (the soak's p99 found it): a cheap request (the session check) is
// sent back to back, one at a time, while the heavy one runs, and the longest wait is reported beside the cheap
// request's own time with nothing else running.
//   npx tsx bench/src/stall-probe.ts --db postgres://postgres@127.0.0.1:5432/linli_bench_community [--times 3] [--scale city]
// The database must be one the bench generated (`npm run bench -- --scale community --db …`): the probe signs in as
// its first supervisor and exports that supervisor's community (20,000 clients at community scale, 10,000 at city).
import { BENCH_PASSWORD, SCALES, communityCode, supervisorName } from './generate';
import { freePort, login, type Session, startServer } from './http';
import { percentile } from './raw';
import { generatedDatabaseEnv, repoRootOf, scriptArgs } from './script-args';

const args = scriptArgs();
const repoRoot = repoRootOf(args);
const db = args.db;
if (!db?.startsWith('postgres')) throw new Error('--db postgres://… of a generated bench database');
const times = Number(args.times ?? 3);
const scale = args.scale ?? 'community';
const cfg = SCALES[scale];
if (!cfg) throw new Error(`--scale ${scale}: not one of ${Object.keys(SCALES).join(', ')}`);

const headers = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/** Sends the cheap request back to back until `until` settles; returns each one's time in ms. */
async function probeUntil(base: string, s: Session, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const waits: number[] = [];
  while (!done) {
    const t = performance.now();
    const res = await fetch(`${base}/api/auth/session`, { headers: headers(s) });
    await res.arrayBuffer();
    waits.push(performance.now() - t);
  }
  return waits.sort((a, b) => a - b);
}

const port = await freePort();
const srv = await startServer(repoRoot, generatedDatabaseEnv(repoRoot, db, scale), port);
try {
  const supervisor = await login(srv.base, supervisorName(0), BENCH_PASSWORD);
  const exportPath = `/api/care/ledger/export?communityCode=${communityCode(0, cfg.streets)}`;
  const idle = await probeUntil(srv.base, supervisor, new Promise((r) => setTimeout(r, 2000)));
  console.log(
    `server RSS ${srv.rssMb()} MB; session check alone: ${idle.length} requests, p50 ${percentile(idle, 50).toFixed(1)} ms, max ${idle.at(-1)!.toFixed(1)} ms`,
  );
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const heavy = fetch(`${srv.base}${exportPath}`, { headers: headers(supervisor) }).then(async (res) => {
      const bytes = (await res.arrayBuffer()).byteLength;
      return { status: res.status, bytes, ms: performance.now() - t };
    });
    const waits = await probeUntil(srv.base, supervisor, heavy);
    const h = await heavy;
    console.log(
      `ledger export ${h.status} (${(h.bytes / 1024).toFixed(0)} KB) in ${h.ms.toFixed(0)} ms; session checks meanwhile: ${waits.length}, p50 ${percentile(waits, 50).toFixed(1)} ms, longest ${waits.at(-1)!.toFixed(1)} ms; server RSS ${srv.rssMb()} MB`,
    );
  }
} finally {
  await srv.stop();
}
