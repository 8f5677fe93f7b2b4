import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';

/**
 * Real server processes for the tests that need more than one (two processes on one database, a kill and restart):
 * main.ts started as `npm start` starts it, on a free loopback port, its output kept for the failure message.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it answers true or `ms` have passed; the last answer is the result. */
export async function until(check: () => Promise<boolean>, ms: number, everyMs = 400): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  output: string[];
  healthy(): Promise<boolean>;
  exited: Promise<number | null>;
}

/**
 * Starts main.ts on DATABASE_URL `url` with `env` on top of this process's environment (the caller names its key
 * file, data directory and anchors, so that processes meant to share a key set do). Push the result to a list the
 * caller's afterAll kills, so a failing test leaves nothing running.
 */
export async function startServerProcess(url: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const output: string[] = [];
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'apps/server/src/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), LINLI_DEMO: '0', LINLI_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const healthy = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
    } catch {
      return false;
    }
  };
  return { proc, port, output, healthy, exited };
}

/** Kills the processes of `list` still running (an afterAll's clean-up). */
export function killAll(list: readonly { proc: ChildProcess }[]): void {
  for (const s of list) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
}
