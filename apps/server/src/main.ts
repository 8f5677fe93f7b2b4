import { buildApp } from './app';
import { loadConfig } from './config';
import { seedDemo } from './db/seed/demo';
import { countUsers } from './modules/users';
import { systemClock } from './platform/clock';
import { openRuntime } from './runtime';

const config = loadConfig();

// Stop cleanly on SIGTERM / SIGINT at any point, start-up included: stop taking requests, close the database (the
// embedded one releases its lock) and exit 0. Handlers are installed first, so a signal during migrations or the demo
// seed is not the default abrupt exit; a repeat signal (Ctrl-C reaches both `npm start` and this process) does not
// start a second shutdown, and a shutdown that hangs ends the process STOP_TIMEOUT_MS after it began.
const STOP_TIMEOUT_MS = 15_000;
let stopping: string | null = null;
let stop: ((signal: string) => Promise<void>) | null = null;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = signal;
  if (stop) void stop(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const runtime = await openRuntime(config, console, 'the server (npm start)');
let app: Awaited<ReturnType<typeof buildApp>> | null = null;
const shutdown = async (signal: string) => {
  console.log(`[linli] ${signal}: shutting down (正在停止)`);
  setTimeout(() => {
    console.error(`[linli] ${signal}: shutdown took over ${STOP_TIMEOUT_MS / 1000} s, exiting`);
    process.exit(1);
  }, STOP_TIMEOUT_MS).unref();
  try {
    // Before the app exists, the start-up context's audit writer is the one to seal and stop.
    await (app ? app.close() : runtime.ctx.auditWriter.close());
    await runtime.database.close();
  } finally {
    runtime.release();
  }
  process.exit(0);
};
// During start-up a signal is only noted, and acted on between its steps (never in the middle of a migration or
// the demo seed); once the server listens it is acted on at once.
if (stopping) await shutdown(stopping);
const where = config.databaseUrl
  ? `PostgreSQL (DATABASE_URL${config.databaseReplicaUrl ? '; dashboards, exports and ledger reads on DATABASE_REPLICA_URL' : ''})`
  : `embedded PGlite in ${config.dataDir}`;
console.log(
  `[linli] database: ${where}; migrations applied now: ${runtime.migrated.length ? runtime.migrated.join(', ') : 'none'}`,
);

if (config.demoMode) {
  const seeded = await seedDemo(runtime.ctx, config.demoPassword);
  if (seeded.seeded) {
    console.log('[linli] demo data loaded. Demo accounts (演示账号):');
    console.log(`        ${seeded.accounts.join(', ')}`);
    if (seeded.care) console.log(`        care: ${seeded.care.clients} clients, ${seeded.care.visits} visits`);
    console.log('        partner (合作单位): demo-partner; residents (居民端 /m): 13800000001, 13800000002');
    console.log(
      config.demoPassword
        ? '        password: the value of LINLI_DEMO_PASSWORD'
        : `        password (shown once, 仅显示一次): ${seeded.password}`,
    );
  }
  console.log('[linli] demo mode: administrators log in without TOTP (演示模式：管理员无需动态口令)');
} else if ((await countUsers(runtime.database.db)) === 0) {
  console.log('[linli] no accounts yet. Create the first administrator with:');
  console.log('        npm run linli -- admin create --username <name> --district <6-digit code>');
}

if (stopping) await shutdown(stopping);
// The start-up context (migrations, demo seed) is done: seal what it audited and stop its writer, so the app's own
// writer is the process's only audit sealer.
await runtime.ctx.auditWriter.close();
app = await buildApp({ database: runtime.database, config, clock: systemClock, keys: runtime.keys });
if (stopping) await shutdown(stopping);
await app.listen({ port: config.port, host: config.host });
if (stopping) await shutdown(stopping);
stop = shutdown;
console.log(`[linli] listening on http://localhost:${config.port} (API docs: /api/docs)`);
