import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `--name value` options of a bench script (`--flag` alone is 'true'). */
export function scriptArgs(): Record<string, string> {
  return Object.fromEntries(
    process.argv
      .slice(2)
      .flatMap((a, i, all) =>
        a.startsWith('--') ? [[a.slice(2), all[i + 1] && !all[i + 1]!.startsWith('--') ? all[i + 1]! : 'true']] : [],
      ),
  );
}

/** The checkout whose server is measured: `--repo DIR` (e.g. an export of HEAD, for before and after), else this one. */
export function repoRootOf(args: Record<string, string>): string {
  return args.repo ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
}

/** `--env K=V,…`: extra environment for the server a script starts (e.g. to measure another setting). */
export function envOption(args: Record<string, string>): Record<string, string> {
  if (!args.env) return {};
  return Object.fromEntries(
    args.env.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

/**
 * The server's environment on a PostgreSQL database `npm run bench` generated at `scale`: its own key and anchor files
 * (bench/.data, written when it generated the data), demo mode off, warnings only.
 */
export function generatedDatabaseEnv(repoRoot: string, db: string, scale: string): Record<string, string> {
  const dataDir = path.join(repoRoot, 'bench/.data');
  return {
    LINLI_DEMO: '0',
    LINLI_LOG_LEVEL: 'warn',
    DATABASE_URL: db,
    LINLI_KEY_FILE: path.join(dataDir, `postgres-${scale}.keys.json`),
    LINLI_AUDIT_ANCHOR_FILE: path.join(dataDir, `postgres-${scale}.audit-anchors.jsonl`),
  };
}
