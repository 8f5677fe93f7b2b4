import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, until } from './processes';

/**
 * A PostgreSQL primary and a streaming replica of it (pg_basebackup -R), both fresh clusters of the machine's own
 * PostgreSQL binaries on free loopback ports, for the read-replica test (ADR 0008). Nothing of the machine's own
 * server is touched. PostgreSQL refuses to run as root: when the tests run as root the clusters run as the `postgres`
 * OS user, in a temporary directory given to it.
 */
export interface ReplicaCluster {
  /** The test database on the primary and on the replica (superuser `postgres`, trust on loopback). */
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL as the superuser on the primary or the replica (pg_wal_replay_pause needs it). */
  query(on: 'primary' | 'replica', text: string): Promise<Record<string, unknown>[]>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(ms?: number): Promise<boolean>;
  /** Stops the replica only (to see reads fall back to the primary). */
  stopReplica(): Promise<void>;
  /** Stops both servers and removes their directories. */
  destroy(): Promise<void>;
}

const BIN_DIRS = [process.env.LINLI_PG_BIN, '/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];

function binary(name: string): string {
  for (const dir of BIN_DIRS) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new Error(`the replica test needs PostgreSQL's ${name} (looked in ${BIN_DIRS.filter(Boolean).join(', ')})`);
}

/** The uid and gid to run PostgreSQL as: ours, unless we are root. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function run(file: string, args: string[], user: { uid: number; gid: number } | null, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // pg_ctl leaves the server running in the background with its output in its log file: wait for pg_ctl's exit,
    // not for the end of output a server child might still hold open.
    const child = spawn(file, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
    });
    const output: string[] = [];
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(file)} ${args.join(' ')}: exit ${code}\n${output.join('')}`)),
    );
  });
}

export async function startReplicaCluster(database = 'linli'): Promise<ReplicaCluster> {
  const user = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-replica-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const primaryPort = await freePort();
  let replicaPort = await freePort();
  while (replicaPort === primaryPort) replicaPort = await freePort();
  const pgCtl = binary('pg_ctl');
  const started: string[] = [];
  const stop = async (dataDir: string) => {
    if (!started.includes(dataDir)) return;
    started.splice(started.indexOf(dataDir), 1);
    await run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], user, dir).catch(() => undefined);
  };
  const destroy = async () => {
    await stop(replicaDir);
    await stop(primaryDir);
    rmSync(dir, { recursive: true, force: true });
  };
  const start = async (dataDir: string, name: string) => {
    await run(pgCtl, ['-D', dataDir, '-l', path.join(dir, `${name}.log`), '-w', '-t', '60', 'start'], user, dir).catch(
      (error: Error) => {
        const log = path.join(dir, `${name}.log`);
        throw new Error(`${error.message}\n${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
      },
    );
    started.push(dataDir);
  };
  try {
    await run(
      binary('initdb'),
      ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'],
      user,
      dir,
    );
    appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'shared_buffers = 16MB',
        'fsync = off', // a throw-away test cluster
        '',
      ].join('\n'),
    );
    appendFileSync(path.join(primaryDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    await start(primaryDir, 'primary');
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const host = ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'];
    await run(binary('pg_basebackup'), [...host, '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast'], user, dir);
    // The copied configuration ends with the replica's own port: the last setting of a name wins.
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\nhot_standby = on\n`);
    await start(replicaDir, 'replica');
  } catch (error) {
    await destroy();
    throw error;
  }
  const url = (port: number, db = database) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const query = async (on: 'primary' | 'replica', text: string) => {
    const client = new pg.Client({ connectionString: url(on === 'primary' ? primaryPort : replicaPort) });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(text)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(replicaPort),
    query,
    async caughtUp(ms = 15_000) {
      const [row] = await query('primary', 'SELECT pg_current_wal_insert_lsn()::text AS lsn');
      const sent = String(row!.lsn);
      return until(
        async () => {
          const [r] = await query('replica', `SELECT pg_last_wal_replay_lsn() >= '${sent}'::pg_lsn AS done`);
          return r?.done === true;
        },
        ms,
        50,
      );
    },
    stopReplica: () => stop(replicaDir),
    destroy,
  };
}
