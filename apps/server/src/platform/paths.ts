// Where the server's files are, for the source tree (tsx, tests) and the compiled bundle (apps/server/dist/main.mjs,
// built by scripts/build-server.mjs) alike: both find the server's package root by walking up to its package.json,
// so the committed SQL migrations, the repository root and the web build are found from either.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function findServerRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@linli/server'
    )
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`the @linli/server package was not found above ${from}`);
  }
}

/** apps/server */
export const SERVER_ROOT = findServerRoot(import.meta.dirname);
/** apps/server/src: the committed SQL migrations are read from here (db/migrations, modules/<name>/migrations). */
export const SERVER_SRC = path.join(SERVER_ROOT, 'src');
/** The repository root (two levels above apps/server). */
export const REPO_ROOT = path.resolve(SERVER_ROOT, '../..');
