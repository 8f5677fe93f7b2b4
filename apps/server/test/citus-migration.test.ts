import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CareHome, ClientList, OverdueQueue, RecordVisitResult, Worklist } from '@linli/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { GLOBAL } from '../src/db/distribution';
import { UNPLACED_TABLES } from '../src/platform/citus';
import { DEMO, seedDemo } from '../src/db/seed/demo';
import { foldRollups } from '../src/modules/care/supervision/supervision.repository';
import { sealAudit, verifyAuditChain } from '../src/platform/audit';
import {
  clusterNodeUrls,
  createDatabaseOn,
  dropDatabaseOn,
  runOn as ownerRows,
  tableRowCounts as rowCounts,
  withDatabaseName,
} from '../src/platform/citus-databases';
import { FakeClock } from '../src/platform/clock';
import { createDb, type Database } from '../src/platform/db';
import { loadOrCreateKeys } from '../src/platform/keys';
import { migrate } from '../src/platform/migrate';
import { TEST_CITUS } from './database';
import { TEST_START, TestClient, testConfig } from './harness';

// ADR 0009, "how an existing single-server installation moves onto a cluster", done as an operator would: Linli runs
// on a database of one PostgreSQL (here the coordinator's server, where a database without the citus extension is
// plain PostgreSQL) and holds the demo data and an audit chain; `linli cluster extend --worker …` puts the database
// on every node (the extension, the workers added) and runs Linli's start-up, which places its tables with their
// rows. Nothing may be lost, counted twice or changed on the way. Run with LINLI_TEST_CITUS=1.

const PASSWORD = 'Linli-demo-2026!';
// The CLI and the test's apps share one key set, as a server and its CLI do (one data directory, one key file).
const dir = mkdtempSync(path.join(tmpdir(), 'linli-move-'));
const keyFile = path.join(dir, 'keys.json');
const keys = loadOrCreateKeys(keyFile);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = new FakeClock(TEST_START);

/** Linli on `database` as a server starts it (demo mode: no TOTP step for the demo accounts). */
async function start(database: Database) {
  await migrate(database);
  const config = testConfig({ demoMode: true, loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
  const app = await buildApp({ database, config, clock, keys, logger: false, background: false });
  await app.ready();
  return app;
}

type App = Awaited<ReturnType<typeof start>>;

/** What the demo's worker, supervisor and district officer see; the rollups folded first (ADR 0009: a district's
 * dashboard on a cluster is as of the last fold). */
async function pages(app: App) {
  await foldRollups(app.ctx.db);
  const as = async (username: string) => {
    const client = new TestClient(app);
    await client.login(username, PASSWORD);
    return client;
  };
  const [worker, supervisor, district] = [
    await as('demo-worker-a'),
    await as('demo-supervisor-a'),
    await as('demo-district'),
  ];
  return {
    worklist: await worker.getAs(Worklist, '/api/care/worklist'),
    clients: await worker.getAs(ClientList, '/api/care/clients?pageSize=100'),
    workerHome: await worker.getAs(CareHome, '/api/care/home'),
    supervisorQueue: await supervisor.getAs(OverdueQueue, '/api/care/overdue'),
    districtQueue: await district.getAs(OverdueQueue, '/api/care/overdue'),
  };
}

async function recordFirstOverdue(app: App): Promise<void> {
  const worker = new TestClient(app);
  await worker.login('demo-worker-a', PASSWORD);
  const worklist = await worker.getAs(Worklist, '/api/care/worklist');
  const visit = worklist.overdue[0]!;
  await worker.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, {
    outcome: 'done',
    mode: 'home',
    visitedOn: '2026-03-02',
  });
}

async function sealAndVerify(app: App, url: string) {
  await sealAudit(app.ctx.db, keys.auditHmac, clock);
  const [chain] = await ownerRows<{ n: number }>(url, 'SELECT count(*)::int AS n FROM audit_log');
  const verified = await verifyAuditChain(app.ctx.db, keys.auditHmac);
  expect(verified, JSON.stringify(verified)).toMatchObject({ ok: true, checked: chain!.n, firstBrokenSeq: null });
  return chain!.n;
}

describe.skipIf(!TEST_CITUS)('an existing single-server installation moved onto the cluster (issue 14)', () => {
  it('keeps every row, the audit chain, the rollups and every page as they were, and goes on working', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const nodes = await clusterNodeUrls(adminUrl);
    const name = `linli_m_${randomBytes(6).toString('hex')}`;
    const url = withDatabaseName(adminUrl, name);
    await createDatabaseOn([adminUrl], name, false);
    try {
      // One PostgreSQL: the demo data, a visit recorded, the pages read, the audit chain sealed.
      const single = await createDb({ databaseUrl: url, dataDir: 'memory://', poolSize: 4 });
      const before = await start(single);
      expect(await ownerRows(url, "SELECT 1 FROM pg_extension WHERE extname = 'citus'")).toEqual([]);
      await seedDemo(before.ctx, PASSWORD);
      await recordFirstOverdue(before);
      const seen = await pages(before);
      const chainBefore = await sealAndVerify(before, url);
      const countsBefore = await rowCounts(url);
      expect(countsBefore.clients).toBe(200);
      await before.close();
      await single.close();

      // The operator's one command: the database onto every node, then Linli's start-up places the tables.
      const placedAt = Date.now();
      const workers = nodes.slice(1).flatMap((n) => ['--worker', new URL(n).host]);
      const moved = spawnSync(
        process.execPath,
        [path.resolve(import.meta.dirname, '../bin/linli.mjs'), 'cluster', 'extend', ...workers],
        {
          env: { ...process.env, DATABASE_URL: url, LINLI_KEY_FILE: keyFile, LINLI_DATA_DIR: path.join(dir, 'data') },
          encoding: 'utf8',
          timeout: 300_000,
        },
      );
      expect(moved.status, moved.stdout + moved.stderr).toBe(0);
      expect(moved.stdout).toMatch(/placed in \d/);
      const placementMs = Date.now() - placedAt;
      const clustered = await createDb({ databaseUrl: url, dataDir: 'memory://', poolSize: 4 });
      try {
        const unplaced = await ownerRows<{ name: string }>(url, UNPLACED_TABLES);
        const plain = Object.keys(GLOBAL).filter((t) => GLOBAL[t]![0] === 'plain');
        expect(unplaced.map((r) => r.name).sort()).toEqual(plain.sort());
        // Every row is where Citus reads it: none lost, none copied twice (the shard rows, not the shell's leftovers).
        // (The CLI's start-up records the key set's fingerprint, which a server started by the runtime would have
        // recorded already; the test's first app was built without it.)
        expect(await rowCounts(url)).toEqual({ ...countsBefore, key_fingerprint: 1 });
        // The coordinator's shell of a distributed table keeps no copy of the rows it had (storage would double).
        const [shell] = await ownerRows<{ bytes: string }>(url, "SELECT pg_relation_size('visits') AS bytes");
        expect(Number(shell!.bytes), 'bytes left in the coordinator shell of visits').toBe(0);
        // The triggers switched off while the rows were copied are on again, on the coordinator and on every shard.
        const offHere = await ownerRows(
          url,
          "SELECT tgname FROM pg_trigger WHERE tgenabled = 'D' AND NOT tgisinternal",
        );
        expect(offHere).toEqual([]);
        const offOnWorkers = await ownerRows<{ result: string }>(
          url,
          "SELECT result FROM run_command_on_workers($$SELECT count(*) FROM pg_trigger WHERE tgenabled = 'D' AND NOT tgisinternal$$)",
        );
        expect(offOnWorkers.map((r) => r.result)).toEqual(nodes.slice(1).map(() => '0'));
        console.log(`placement of an existing installation: ${placementMs} ms for ${countsBefore.clients} clients`);

        const after = await start(clustered);
        try {
          // The rollup triggers did not fire again while the rows were copied: every figure is the same.
          expect(await pages(after)).toEqual(seen);
          expect(await sealAndVerify(after, url)).toBeGreaterThan(chainBefore);
          await recordFirstOverdue(after);
          const afterVisit = await pages(after);
          expect(afterVisit.worklist.totals.overdue).toBe(seen.worklist.totals.overdue - 1);
          const community = (q: typeof seen.supervisorQueue) => q.byCommunity.find((c) => c.key === DEMO.communityA)!;
          expect(community(afterVisit.districtQueue).total).toBe(community(seen.districtQueue).total - 1);
          await sealAndVerify(after, url);
        } finally {
          await after.close();
        }
      } finally {
        await clustered.close();
      }
    } finally {
      await dropDatabaseOn(nodes, name);
    }
  }, 600_000);
});
