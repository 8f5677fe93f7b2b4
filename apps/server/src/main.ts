import { buildApp } from './app';
import { loadConfig } from './config';
import { seedDemo } from './db/seed/demo';
import { countUsers } from './modules/users';
import { systemClock } from './platform/clock';
import { openRuntime } from './runtime';

const config = loadConfig();
const runtime = await openRuntime(config, console, 'the server (npm start)');
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
console.log(
  `[linli] database: ${where}; migrations applied now: ${runtime.migrated.length ? runtime.migrated.join(', ') : 'none'}`,
);

if (config.demoMode) {
  const seeded = await seedDemo(runtime.ctx, config.demoPassword);
  if (seeded.seeded) {
    console.log('[linli] demo data loaded. Demo accounts (演示账号):');
    console.log(`        ${seeded.accounts.join(', ')}`);
    if (seeded.care) console.log(`        care: ${seeded.care.clients} clients, ${seeded.care.visits} visits`);
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

// The start-up context (migrations, demo seed) is done: seal what it audited and stop its writer, so the app's own
// writer is the process's only audit sealer.
await runtime.ctx.auditWriter.close();
const app = await buildApp({ database: runtime.database, config, clock: systemClock, keys: runtime.keys });
const shutdown = async (signal: string) => {
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await runtime.database.close();
  runtime.release();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
console.log(`[linli] listening on http://localhost:${config.port} (API docs: /api/docs)`);
