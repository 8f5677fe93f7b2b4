#!/usr/bin/env node
// Proves `npm run new-module` end to end, in a scratch copy of the tree (the working tree is never touched):
// scaffold a module, then check that it edited nothing but its own folders and the one list entry, and that the copy
// passes typecheck, lint, the module's own test and the route-table tests (which now cover its routes), and builds a
// web app whose menu has the module's entry. Run by .ci/run; `node scripts/check-new-module.mjs` runs it by hand.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'linli-new-module-'));
const NAME = 'scaffoldcheck';
const started = Date.now();

function run(label, command, args, cwd = scratch, env = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    console.error(`✗ ${label}\n${result.stdout}\n${result.stderr}`);
    process.exitCode = 1;
    throw new Error(label);
  }
  console.log(`✓ ${label}`);
  return result.stdout;
}

try {
  // The tracked and untracked (not ignored) files, as they are now.
  const files = run('list the tree', 'git', ['ls-files', '-co', '--exclude-standard', '-z'], root)
    .split('\0')
    .filter(Boolean);
  const copy = spawnSync('sh', ['-c', `tar -cf - --null -T - | tar -xf - -C ${JSON.stringify(scratch)}`], {
    cwd: root,
    input: files.join('\0'),
  });
  if (copy.status !== 0) throw new Error('copy failed');
  // node_modules: the real ones by link, except the workspace package, which must be the copy's own.
  mkdirSync(path.join(scratch, 'node_modules/@linli'), { recursive: true });
  for (const entry of readdirSync(path.join(root, 'node_modules'))) {
    if (entry === '@linli') continue;
    symlinkSync(path.join(root, 'node_modules', entry), path.join(scratch, 'node_modules', entry));
  }
  symlinkSync(path.join(scratch, 'packages/contracts'), path.join(scratch, 'node_modules/@linli/contracts'));
  for (const ws of ['apps/server', 'apps/web', 'e2e', 'bench', 'packages/contracts']) {
    const own = path.join(root, ws, 'node_modules');
    try {
      if (lstatSync(own)) symlinkSync(own, path.join(scratch, ws, 'node_modules'));
    } catch {
      /* no workspace-local node_modules */
    }
  }
  run('git baseline in the copy', 'sh', [
    '-c',
    'git init -q && git add -A && git -c user.email=ci@linli -c user.name=ci commit -qm base',
  ]);

  run(`npm run new-module ${NAME}`, 'node', ['scripts/new-module.mjs', NAME]);

  const changed = run('git status', 'git', ['status', '--porcelain', '--untracked-files=all'])
    .split('\n')
    .filter(Boolean);
  const outside = changed.filter((line) => {
    const file = line.slice(3);
    return !(
      file.startsWith(`apps/server/src/modules/${NAME}/`) ||
      file.startsWith(`apps/web/src/modules/${NAME}/`) ||
      file === `packages/contracts/src/modules/${NAME}.ts` ||
      file === 'packages/contracts/src/modules.ts'
    );
  });
  if (outside.length) throw new Error(`the scaffold edited files outside the module: ${outside.join(', ')}`);
  const listDiff = run('the list entry', 'git', ['diff', '--numstat', 'packages/contracts/src/modules.ts']);
  const [added, removed] = listDiff.trim().split(/\s+/).map(Number);
  if (removed !== 0 || added !== 2)
    throw new Error(`expected one import and one entry in modules.ts, got +${added} -${removed}`);
  console.log("✓ only the module's folders and one list entry changed");

  run('typecheck', 'npx', ['tsc', '-p', 'packages/contracts/tsconfig.json', '--noEmit']);
  run('typecheck (server)', 'npx', ['tsc', '-p', 'apps/server/tsconfig.json', '--noEmit']);
  run('typecheck (web)', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']);
  run('lint', 'npx', [
    'eslint',
    `apps/server/src/modules/${NAME}`,
    `apps/web/src/modules/${NAME}`,
    `packages/contracts/src/modules/${NAME}.ts`,
    'packages/contracts/src/modules.ts',
  ]);
  run(
    "the module's test and the route-table tests",
    'npx',
    [
      'vitest',
      'run',
      '--root',
      'apps/server',
      `src/modules/${NAME}`,
      'test/route-table.test.ts',
      'test/platform.test.ts',
    ],
    scratch,
    { LINLI_TEST_DB: 'pglite' },
  );
  run('web build', 'npx', ['vite', 'build', '--logLevel', 'error'], path.join(scratch, 'apps/web'));
  const bundles = readdirSync(path.join(scratch, 'apps/web/dist/assets')).filter((f) => f.endsWith('.js'));
  if (
    !bundles.some((f) => readFileSync(path.join(scratch, 'apps/web/dist/assets', f), 'utf8').includes(`menu-${NAME}`))
  ) {
    throw new Error('the built web app has no menu entry for the module');
  }
  console.log("✓ the web app has the module's menu entry");
  console.log(`new-module check passed in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (error) {
  console.error(`new-module check FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
