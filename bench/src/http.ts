// The real server as a child process, logged-in clients, and autocannon loads against loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import autocannon from 'autocannon';
import { percentile } from './raw';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  base: string;
  child: ChildProcess;
  /** The node process that runs the server (the compiled main.mjs). */
  nodePid(): number;
  rssMb(): number | null;
  output: string[];
  stop(): Promise<void>;
}

function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    /* gone */
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export async function startServer(repoRoot: string, env: Record<string, string>, port: number): Promise<Server> {
  const childEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  // The compiled server, as `npm start` runs it in production (scripts/build-server.mjs), built fresh for the run.
  const { SERVER_BUNDLE, SERVER_NODE_FLAGS, buildServer } = (await import(`${repoRoot}/scripts/build-server.mjs`)) as {
    SERVER_BUNDLE: string;
    SERVER_NODE_FLAGS?: string[];
    buildServer: () => Promise<number>;
  };
  await buildServer();
  // (An older checkout measured with --repo may not export its flags.)
  const child = spawn(process.execPath, [...(SERVER_NODE_FLAGS ?? ['--enable-source-maps']), SERVER_BUNDLE], {
    cwd: repoRoot,
    env: childEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output.join('')}`);
    try {
      const res = await fetch(`${base}/api/auth/config`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() - started > 180_000) throw new Error(`server did not start in 180 s:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const nodePid = () => {
    // The process itself, or (were it ever started through a wrapper) the deepest descendant naming the server.
    let best = child.pid!;
    const walk = (pid: number) => {
      for (const c of children(pid)) {
        if (/main\.(ts|mjs)/.test(cmdline(c))) best = c;
        walk(c);
      }
    };
    walk(child.pid!);
    return best;
  };
  return {
    base,
    child,
    output,
    nodePid,
    rssMb() {
      const pid = nodePid();
      if (!existsSync(`/proc/${pid}/status`)) return null;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Math.round(Number(m[1]) / 1024) : null;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { status?: string; session?: { csrfToken: string } };
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('linli_sid='));
  if (!res.ok || body.status !== 'ok' || !sid || !body.session)
    throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  return { cookie: sid, csrf: body.session.csrfToken };
}

export interface HttpResult {
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  /** One-at-a-time runs only (autocannon's histogram has no 95th percentile). */
  p95?: number;
  p99: number;
  connections: number;
}

export async function cannon(opts: {
  base: string;
  session: Session;
  method?: 'GET' | 'POST';
  path: () => string;
  body?: string;
  seconds: number;
  connections: number;
  onBody?: (status: number, body: string) => void;
  /** Per request: the body and headers (e.g. another user's session) that replace `body` and the session's. */
  setup?: () => { body: string; headers?: Record<string, string> };
}): Promise<HttpResult> {
  const headers: Record<string, string> = { cookie: opts.session.cookie };
  if (opts.method === 'POST')
    Object.assign(headers, { 'x-csrf-token': opts.session.csrf, 'content-type': 'application/json' });
  const result = await autocannon({
    url: opts.base,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 120,
    headers,
    requests: [
      {
        method: opts.method ?? 'GET',
        ...(opts.body ? { body: opts.body } : {}),
        setupRequest: (req: Record<string, unknown>) => {
          if (!opts.setup) return { ...req, path: opts.path() };
          const one = opts.setup();
          const merged = { ...(req.headers as Record<string, string>), ...one.headers };
          return { ...req, path: opts.path(), body: one.body, headers: merged };
        },
        ...(opts.onBody ? { onResponse: (status: number, body: string) => opts.onBody!(status, body) } : {}),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    requests: ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
    reqPerSec: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    connections: opts.connections,
  };
}

/** For slow endpoints: one request at a time until the deadline (at least `minRequests`). */
export async function sequential(opts: {
  base: string;
  session: Session;
  path: () => string;
  seconds: number;
  minRequests: number;
  method?: 'GET' | 'POST';
  body?: string;
  onBody?: (status: number, body: string) => void;
  setup?: () => { body: string; headers?: Record<string, string> };
}): Promise<HttpResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const start = performance.now();
  while (performance.now() - start < opts.seconds * 1000 || latencies.length + non2xx < opts.minRequests) {
    const s = performance.now();
    const post = opts.method === 'POST';
    const one = opts.setup?.();
    const res = await fetch(`${opts.base}${opts.path()}`, {
      method: opts.method ?? 'GET',
      body: one?.body ?? opts.body,
      headers: {
        cookie: opts.session.cookie,
        ...(post ? { 'x-csrf-token': opts.session.csrf, 'content-type': 'application/json' } : {}),
        ...one?.headers,
      },
    });
    const text = await res.text();
    opts.onBody?.(res.status, text);
    if (res.ok) latencies.push(performance.now() - s);
    else non2xx += 1;
    if (non2xx > 5 && latencies.length === 0) break;
  }
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    non2xx,
    errors: 0,
    seconds,
    reqPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    connections: 1,
  };
}

/** POSTs a file with no client-side timeout; returns status, JSON body and wall time. */
export function upload(
  base: string,
  session: Session,
  path: string,
  body: Buffer,
  contentType: string,
): Promise<{ status: number; json: unknown; seconds: number }> {
  const url = new URL(path, base);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          'content-type': contentType,
          'content-length': body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            /* keep text */
          }
          resolve({ status: res.statusCode ?? 0, json, seconds: (performance.now() - start) / 1000 });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
