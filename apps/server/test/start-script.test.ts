import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// `npm start` (scripts/start.mjs) under a process manager: a signal sent to its own process stops the server, the
// embedded database's lock is released, and no process of the tree is left behind.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The pids below `pid` (children, grandchildren…), from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may itself hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

let started: { proc: ChildProcess; dataDir: string; tree: number[] } | null = null;
afterEach(() => {
  // A failed test must not leave its own server running: end exactly the processes this test started.
  if (started) for (const pid of [started.proc.pid!, ...started.tree]) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (started) rmSync(started.dataDir, { recursive: true, force: true });
  started = null;
});

async function startServer() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-start-'));
  const port = await freePort();
  const output: string[] = [];
  const proc = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, LINLI_DATA_DIR: dataDir, PORT: String(port), LINLI_DEMO: '0', LINLI_SKIP_WEB_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started = { proc, dataDir, tree: [] };
  proc.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const exitWithin = (ms: number) =>
    Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
  const healthy = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
    } catch {
      return false;
    }
  };
  return { proc, dataDir, port, output, exitWithin, healthy, lockFile: path.join(dataDir, 'linli.lock') };
}

describe('npm start (scripts/start.mjs)', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the server and exits on ${signal} sent to its own process`, { timeout: 240_000 }, async () => {
      const s = await startServer();
      expect(await until(s.healthy, 180_000), s.output.join('')).toBe(true);
      const tree = descendants(s.proc.pid!);
      started!.tree = tree;
      expect(tree.length).toBeGreaterThan(0);
      expect(existsSync(s.lockFile)).toBe(true);
      // Production runs the compiled bundle, with no TypeScript loader anywhere in the tree.
      const commands = tree.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '));
      expect(
        commands.some((c) => c.includes('apps/server/dist/main.mjs')),
        commands.join('\n'),
      ).toBe(true);
      expect(
        commands.some((c) => /tsx/.test(c)),
        commands.join('\n'),
      ).toBe(false);

      s.proc.kill(signal);
      expect(await s.exitWithin(15_000), s.output.join('')).toBe(0);
      // The whole tree is gone within a few seconds, the port is free and the embedded database's lock released.
      expect(await until(() => tree.every((pid) => !alive(pid)), 5_000)).toBe(true);
      expect(existsSync(s.lockFile)).toBe(false);
      expect(s.output.join('')).toContain(`${signal}: shutting down`);
      expect(await s.healthy()).toBe(false);
    });
  }

  it(
    'stops cleanly on SIGTERM during start-up (the database open, migrations running)',
    { timeout: 240_000 },
    async () => {
      const s = await startServer();
      // The lock is taken as the database opens, before migrations.
      expect(await until(() => existsSync(s.lockFile), 120_000), s.output.join('')).toBe(true);
      const tree = descendants(s.proc.pid!);
      started!.tree = tree;
      s.proc.kill('SIGTERM');
      expect(await s.exitWithin(120_000), s.output.join('')).toBe(0);
      expect(await until(() => tree.every((pid) => !alive(pid)), 5_000)).toBe(true);
      // Closed, not killed: the lock is released and the server never began to listen.
      expect(existsSync(s.lockFile)).toBe(false);
      expect(s.output.join('')).not.toContain('listening on');
    },
  );
});
