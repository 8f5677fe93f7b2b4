import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly holder: string,
  ) {
    super(
      `内嵌数据库 ${dataDir} 正被另一个进程使用（${holder}，进程号 ${pid}）：请先停止它（例如停止 npm start）再运行此命令，或改用 PostgreSQL（DATABASE_URL）。\n` +
        `The embedded database ${dataDir} is in use by another process (${holder}, pid ${pid}): stop it first (e.g. stop npm start), or use PostgreSQL (DATABASE_URL).`,
    );
    this.name = 'DataDirInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time on an embedded (PGlite) data directory: two would corrupt it. Takes `linli.lock` in the
 * directory (pid and who), replacing a lock whose process is gone; returns the release function.
 */
export function lockDataDir(dataDir: string, holder: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'linli.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, holder }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: { pid?: number; holder?: string } = {};
      try {
        owner = JSON.parse(readFileSync(file, 'utf8')) as typeof owner;
      } catch {
        /* torn or empty: treat as stale */
      }
      if (owner.pid && alive(owner.pid)) throw new DataDirInUseError(dataDir, owner.pid, owner.holder ?? '?');
      if (existsSync(file)) rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
