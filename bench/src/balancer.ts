// A loopback round-robin HTTP load balancer for `npm run bench -- --processes N`: each request goes to the next
// server process in turn, over a keep-alive agent per backend. It runs as its own node process (started by
// startBalancer below), so it neither shares an event loop with autocannon nor with a server.
//   node --import tsx bench/src/balancer.ts --port 4000 http://127.0.0.1:4001 http://127.0.0.1:4002
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Hop-by-hop headers (RFC 9110 §7.6.1): the proxy's own connections, not passed on. */
const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
  return out;
}

/** The proxy itself: round robin over `backends` (base URLs), 502 when a backend cannot be reached. */
export function createBalancer(backends: string[]): http.Server {
  const targets = backends.map((b) => {
    const u = new URL(b);
    return {
      hostname: u.hostname,
      port: Number(u.port),
      agent: new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 }),
    };
  });
  let next = 0;
  const server = http.createServer((req, res) => {
    const t = targets[next++ % targets.length]!;
    const upstream = http.request(
      {
        hostname: t.hostname,
        port: t.port,
        agent: t.agent,
        method: req.method,
        path: req.url,
        headers: endToEnd(req.headers),
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.statusMessage, endToEnd(up.headers));
        up.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) res.destroy(error);
      else {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`balancer: ${error.message}`);
      }
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

export interface Balancer {
  base: string;
  pid: number;
  rssMb(): number | null;
  stop(): Promise<void>;
}

const thisFile = fileURLToPath(import.meta.url);

/** Starts the balancer as a child node process on `port` in front of `backends`; resolves once it listens. */
export async function startBalancer(backends: string[], port: number): Promise<Balancer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', thisFile, '--port', String(port), ...backends],
    {
      cwd: path.resolve(path.dirname(thisFile), '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`balancer did not start in 30 s:\n${output.join('')}`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`balancer exited (${code}):\n${output.join('')}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    rssMb() {
      const file = `/proc/${child.pid}/status`;
      if (!existsSync(file)) return null;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(file, 'utf8'));
      return m ? Math.round(Number(m[1]) / 1024) : null;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--port');
  const port = Number(argv[at + 1]);
  const backends = argv.filter((_, i) => i !== at && i !== at + 1);
  if (at < 0 || !port || backends.length === 0) {
    console.error('usage: balancer.ts --port N http://127.0.0.1:A http://127.0.0.1:B …');
    process.exit(2);
  }
  const server = createBalancer(backends);
  server.listen(port, '127.0.0.1', () =>
    console.log(`balancer listening on 127.0.0.1:${port} → ${backends.join(', ')}`),
  );
  process.on('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
