// `npm run bench -- --soak 600 [--soak-rate 50]` (issue 13, goal 6): mixed worker / supervisor / officer traffic at a
// fixed rate for the given seconds, open loop (each request is sent at its scheduled time whether or not the earlier
// ones have answered), against the server (or the balancer in front of `--processes N`). Per minute: requests,
// errors (non-2xx, network, timeout), p50 / p99 latency and each server process's peak RSS (sampled every 2 s).
// The verdict: no errors, and every later full minute's p99 and RSS within 1.10× of the first minute's.
import http from 'node:http';
import { requestHeaders, warmUp, type Endpoint } from './endpoints';
import { percentile } from './raw';

/** The mix, per 1,000 requests, sent in a smooth weighted round robin (deterministic and evenly spread). */
export const SOAK_MIX: { endpoint: string; user: string; weight: number }[] = [
  { endpoint: 'worklist', user: 'worker', weight: 150 },
  { endpoint: 'client detail', user: 'worker', weight: 350 },
  { endpoint: 'record visit', user: 'worker', weight: 200 },
  { endpoint: 'dashboard (supervisor)', user: 'supervisor', weight: 150 },
  { endpoint: 'dashboard (district)', user: 'district officer', weight: 149 },
  { endpoint: 'ledger export', user: 'supervisor', weight: 1 },
];

/** Growth allowed after the first minute. */
export const SOAK_FLAT = 1.1;
const RSS_EVERY_MS = 2000;
const TIMEOUT_MS = 30_000;

export interface SoakMinute {
  minute: number;
  /** The minute lies entirely within the soak (a trailing partial minute is shown, not judged). */
  full: boolean;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  /** Peak VmRSS of each server process in this minute, MB. */
  rssMb: (number | null)[];
}

export interface SoakResult {
  seconds: number;
  rate: number;
  processes: number;
  mix: typeof SOAK_MIX;
  requests: number;
  errors: number;
  /** How late the generator sent its latest request (ms); latency counts from the scheduled time. */
  maxSendLagMs: number;
  minutes: SoakMinute[];
  endpoints: Record<string, { requests: number; errors: number; p50: number; p99: number }>;
  firstErrors: string[];
  verdict: { ok: boolean; failures: string[]; note: string | null };
}

interface Sample {
  endpoint: string;
  minute: number;
  ms: number;
  ok: boolean;
}

function send(agent: http.Agent, base: URL, e: Endpoint): Promise<{ status: number; body: Buffer }> {
  const one = e.setup?.();
  const body = one?.body ?? e.body;
  const headers: Record<string, string | number> = requestHeaders(e, one);
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: base.hostname, port: base.port, agent, method: e.method ?? 'GET', path: e.path(), headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`timeout after ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The next endpoint of the mix: smooth weighted round robin (nginx's), so one in 1,000 is an export, evenly spaced. */
function mixer(mix: typeof SOAK_MIX) {
  const total = mix.reduce((s, m) => s + m.weight, 0);
  const current = mix.map(() => 0);
  return () => {
    let best = 0;
    for (let i = 0; i < mix.length; i++) {
      current[i]! += mix[i]!.weight;
      if (current[i]! > current[best]!) best = i;
    }
    current[best]! -= total;
    return mix[best]!.endpoint;
  };
}

export async function runSoak(opts: {
  base: string;
  endpoints: Record<string, Endpoint>;
  seconds: number;
  rate: number;
  /** VmRSS of each server process, MB. */
  rssMb: () => (number | null)[];
  log: (s: string) => void;
}): Promise<SoakResult> {
  const { endpoints, seconds, rate, log } = opts;
  for (const m of SOAK_MIX) {
    const e = endpoints[m.endpoint];
    if (!e) throw new Error(`soak: no endpoint ${m.endpoint}`);
    await warmUp(opts.base, m.endpoint, e);
  }
  const processes = opts.rssMb().length;
  const minutesTotal = Math.ceil(seconds / 60);
  const rss: (number | null)[][] = Array.from({ length: minutesTotal }, () =>
    Array.from({ length: processes }, () => null),
  );
  const samples: Sample[] = [];
  const firstErrors: string[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const base = new URL(opts.base);
  const next = mixer(SOAK_MIX);
  const interval = 1000 / rate;
  const total = Math.floor(seconds * rate);
  const inFlight = new Set<Promise<void>>();
  let maxLag = 0;
  const start = performance.now();
  const minuteOf = (t: number) => Math.min(minutesTotal - 1, Math.floor((t - start) / 60_000));

  const sampleRss = () => {
    const m = minuteOf(performance.now());
    opts.rssMb().forEach((mb, p) => {
      if (mb !== null) rss[m]![p] = Math.max(rss[m]![p] ?? 0, mb);
    });
  };
  sampleRss();
  const rssTimer = setInterval(sampleRss, RSS_EVERY_MS);
  let reported = 0;
  const progress = setInterval(() => {
    // Five seconds into each minute, the minute before (requests still in flight then are not in this line).
    const m = Math.floor((performance.now() - start - 5000) / 60_000) - 1;
    if (m < reported || m >= minutesTotal) return;
    const line = minuteRow(m, samples, rss[m]!, seconds);
    log(
      `  [soak] minute ${m + 1}: ${line.requests} requests, ${line.errors} errors, p50 ${line.p50.toFixed(1)} ms, p99 ${line.p99.toFixed(1)} ms, RSS ${line.rssMb.map((x) => x ?? '—').join(' / ')} MB`,
    );
    reported = m + 1;
  }, 1000);

  log(
    `[bench] soak: ${rate} req/s for ${seconds} s (${total} requests, open loop) against ${processes} server process${processes > 1 ? 'es' : ''}; mix per 1,000: ${SOAK_MIX.map((m) => `${m.endpoint} ${m.weight}`).join(', ')}`,
  );
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    maxLag = Math.max(maxLag, performance.now() - due);
    const name = next();
    const e = endpoints[name]!;
    const minute = minuteOf(due);
    const p: Promise<void> = send(agent, base, e)
      .then(
        ({ status, body }) => {
          const ok = status >= 200 && status < 300;
          if (e.onBody) e.onBody(status, body.toString());
          if (!ok && firstErrors.length < 5)
            firstErrors.push(`${name}: HTTP ${status}: ${body.toString().slice(0, 200)}`);
          samples.push({ endpoint: name, minute, ms: performance.now() - due, ok });
        },
        (error: Error) => {
          if (firstErrors.length < 5) firstErrors.push(`${name}: ${error.message}`);
          samples.push({ endpoint: name, minute, ms: performance.now() - due, ok: false });
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  clearInterval(rssTimer);
  clearInterval(progress);
  agent.destroy();

  const minutes = Array.from({ length: minutesTotal }, (_, m) => minuteRow(m, samples, rss[m]!, seconds));
  const byEndpoint: SoakResult['endpoints'] = {};
  for (const { endpoint } of SOAK_MIX) {
    const mine = samples.filter((s) => s.endpoint === endpoint);
    const ok = mine
      .filter((s) => s.ok)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    byEndpoint[endpoint] = {
      requests: mine.length,
      errors: mine.length - ok.length,
      p50: percentile(ok, 50),
      p99: percentile(ok, 99),
    };
  }
  const errors = samples.filter((s) => !s.ok).length;
  return {
    seconds,
    rate,
    processes,
    mix: SOAK_MIX,
    requests: samples.length,
    errors,
    maxSendLagMs: maxLag,
    minutes,
    endpoints: byEndpoint,
    firstErrors,
    verdict: verdict(minutes, errors),
  };
}

function minuteRow(m: number, samples: Sample[], rssMb: (number | null)[], seconds: number): SoakMinute {
  const mine = samples.filter((s) => s.minute === m);
  const ok = mine
    .filter((s) => s.ok)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return {
    minute: m + 1,
    full: (m + 1) * 60 <= seconds,
    requests: mine.length,
    errors: mine.length - ok.length,
    p50: percentile(ok, 50),
    p99: percentile(ok, 99),
    rssMb: [...rssMb],
  };
}

/** No errors; each later full minute's p99 and each process's RSS at most SOAK_FLAT × the first minute's. */
function verdict(minutes: SoakMinute[], errors: number): SoakResult['verdict'] {
  const failures: string[] = [];
  if (errors > 0) failures.push(`${errors} errors`);
  const full = minutes.filter((m) => m.full);
  const first = full[0];
  if (!first || full.length < 2)
    return { ok: failures.length === 0, failures, note: 'fewer than two full minutes: flatness not judged' };
  for (const m of full.slice(1)) {
    if (m.p99 > SOAK_FLAT * first.p99)
      failures.push(
        `minute ${m.minute}: p99 ${m.p99.toFixed(1)} ms > ${SOAK_FLAT.toFixed(2)} × ${first.p99.toFixed(1)} ms`,
      );
    m.rssMb.forEach((mb, p) => {
      const base = first.rssMb[p];
      if (mb !== null && base != null && mb > SOAK_FLAT * base)
        failures.push(
          `minute ${m.minute}: RSS${m.rssMb.length > 1 ? ` of process ${p + 1}` : ''} ${mb} MB > ${SOAK_FLAT.toFixed(2)} × ${base} MB`,
        );
    });
  }
  return { ok: failures.length === 0, failures, note: null };
}

/** The printed report: per-minute table, per-endpoint table, verdict. */
export function soakReport(r: SoakResult): string[] {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  const lines = [
    `Soak: ${r.rate} req/s for ${r.seconds} s, open loop, ${r.processes} server process${r.processes > 1 ? 'es behind the balancer' : ''}; ${r.requests} requests, ${r.errors} errors; latency from each request's scheduled time (the generator was at most ${fmt(r.maxSendLagMs)} ms late)`,
    '',
    `| minute | requests | errors | p50 (ms) | p99 (ms) | p99 / first | peak RSS (MB)${r.processes > 1 ? ', per process' : ''} | RSS / first |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const first = r.minutes.find((m) => m.full);
  for (const m of r.minutes) {
    const rssRatio = m.rssMb.map((mb, p) => (mb !== null && first?.rssMb[p] ? (mb / first.rssMb[p]!).toFixed(2) : '—'));
    lines.push(
      `| ${m.minute}${m.full ? '' : ' (partial)'} | ${m.requests} | ${m.errors} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${first ? (m.p99 / first.p99).toFixed(2) : '—'} | ${m.rssMb.map((x) => x ?? '—').join(' / ')} | ${rssRatio.join(' / ')} |`,
    );
  }
  lines.push('', '| endpoint (soak) | requests | errors | p50 (ms) | p99 (ms) |', '|---|---:|---:|---:|---:|');
  for (const [name, e] of Object.entries(r.endpoints))
    lines.push(`| ${name} | ${e.requests} | ${e.errors} | ${fmt(e.p50)} | ${fmt(e.p99)} |`);
  lines.push(
    '',
    `Soak verdict: ${r.verdict.ok ? 'PASS' : 'FAIL'} (wanted: 0 errors, and p99 and RSS of every later full minute at most ${SOAK_FLAT.toFixed(2)}× minute 1's) — ${
      r.verdict.failures.length ? `failed: ${r.verdict.failures.join('; ')}` : `${r.errors} errors`
    }${r.verdict.note ? `; ${r.verdict.note}` : r.verdict.ok ? '; flat' : ''}`,
  );
  if (r.firstErrors.length) lines.push(`First errors: ${r.firstErrors.join(' | ')}`);
  return lines;
}
