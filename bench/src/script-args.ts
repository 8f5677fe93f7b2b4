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
