#!/usr/bin/env node
// `npm start`: builds the web app and compiles the server when their sources are newer than the builds, then runs the
// compiled server (migrations and, on an empty embedded database, the demo data happen at server start).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'apps/web');
const distIndex = path.join(webDir, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const contracts = path.join(root, 'packages/contracts/src');
const newestOf = (sources) =>
  Math.max(
    ...sources.filter(existsSync).map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
  );
const sourceTime = newestOf([path.join(webDir, 'src'), path.join(webDir, 'index.html'), contracts]);
// One child at a time (the web build, then the server). SIGTERM / SIGINT sent to this process go to that child; this
// process waits for it and exits with its code, so a process manager that stops `npm start` stops the server too.
let child = null;
let stopSignal = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopSignal ??= signal;
    // Ctrl-C in a terminal reaches the child as well; sending it again is harmless (the server stops once).
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else if (!child) process.exit(128 + os.constants.signals[signal]);
  });
}

/** Runs a command to its end; resolves with its exit code (128 + n when a signal ended it). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
    child.on('error', (error) => {
      console.error(`[linli] could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      child = null;
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 0));
    });
  });
}

// LINLI_SKIP_WEB_BUILD=1 serves whatever build there is (tests of the server process, a machine without the sources).
const skipBuild = process.env.LINLI_SKIP_WEB_BUILD === '1';
if (!skipBuild && (!existsSync(distIndex) || statSync(distIndex).mtimeMs < sourceTime)) {
  console.log('[linli] building the web app (首次启动需构建前端)…');
  const status = await run('npm', ['run', 'build', '-w', 'apps/web']);
  if (status !== 0 || stopSignal) process.exit(status || 1);
}

// Production runs compiled JavaScript (scripts/build-server.mjs: one bundle, rebuilt when the server's or the contracts'
// sources are newer), not a TypeScript loader: less memory and no compile work at start. LINLI_SERVER_TSX=1 runs the
// sources through tsx instead (debugging). Either way the server is this process's own child (node itself, not the tsx
// CLI, which would add a process of its own between the two and relay signals on a timer).
if (process.env.LINLI_SERVER_TSX === '1') {
  const code = await run(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')]);
  process.exit(code);
}
const { SERVER_BUNDLE, SERVER_NODE_FLAGS, buildServer } = await import('./build-server.mjs');
const serverSourceTime = newestOf([path.join(root, 'apps/server/src'), contracts]);
if (!existsSync(SERVER_BUNDLE) || statSync(SERVER_BUNDLE).mtimeMs < serverSourceTime) {
  console.log('[linli] compiling the server…');
  try {
    const seconds = await buildServer();
    console.log(`[linli] server compiled in ${seconds.toFixed(1)} s`);
  } catch (error) {
    console.error(`[linli] the server did not compile: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (stopSignal) process.exit(128 + os.constants.signals[stopSignal]);
}
const code = await run(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE]);
process.exit(code);
