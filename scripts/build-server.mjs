#!/usr/bin/env node
// Compiles the server for production: one ES module bundle, apps/server/dist/main.mjs (+ source map), from
// apps/server/src/main.ts and the shared contracts. npm packages stay outside the bundle (resolved from node_modules at
// run time); the modules listed in packages/contracts/src/modules.ts are bundled through loadModules()' import
// pattern. The committed SQL migrations are read from apps/server/src at run time (platform/paths.ts).
// `npm start` runs this when the sources are newer than the bundle; `node scripts/build-server.mjs` forces it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(root, 'apps/server/dist/main.mjs');
/**
 * The memory flags: V8 grows the old generation by 50% (not its default factor of up to 4×) before the next full
 * collection. Measured on PostgreSQL (2026-12-03, `bench/src/stall-probe.ts --times 8`): eight 20,000-row ledger
 * exports in a row left the server's RSS at 308 MB by default and flat at ~240 MB with this flag, exports 0.8–0.9 s
 * either way (20% held it at ~223 MB, but exports took 1.1–1.4 s and other requests waited up to 98 ms, from the more
 * frequent collections); a 100,000-row import peaked at 332 MB by default, 258 MB with it (`import-measure.ts`). The
 * live heap is small; the rest was garbage V8 had not yet needed to collect. No hard heap limit: a large import
 * cannot crash the server for want of heap.
 */
const MEMORY_FLAGS = '--heap-growing-percent=50';

/**
 * Node's flags for the compiled server (`npm start`, the bench): source maps for readable stacks, and the memory
 * flags. LINLI_NODE_FLAGS (space-separated) replaces the memory flags, e.g. to measure another setting.
 */
export const SERVER_NODE_FLAGS = [
  '--enable-source-maps',
  ...(process.env.LINLI_NODE_FLAGS ?? MEMORY_FLAGS).split(' ').filter(Boolean),
];

/** Everything imported by a bare name is a package from node_modules, except our own workspaces (TypeScript sources). */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@linli/') ? undefined : { path: args.path, external: true },
    );
  },
};

export async function buildServer() {
  const started = performance.now();
  await build({
    entryPoints: [path.join(root, 'apps/server/src/main.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    tsconfig: path.join(root, 'apps/server/tsconfig.json'),
    plugins: [externalPackages],
    logLevel: 'warning',
    legalComments: 'none',
  });
  return (performance.now() - started) / 1000;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seconds = await buildServer();
  console.log(`[linli] server compiled to ${path.relative(root, SERVER_BUNDLE)} in ${seconds.toFixed(1)} s`);
}
