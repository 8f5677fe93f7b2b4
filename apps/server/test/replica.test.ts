import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareHome, OverdueQueue } from '@linli/contracts';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { FakeClock } from '../src/platform/clock';
import { type Database, createDb, queryRows } from '../src/platform/db';
import { generateKeys } from '../src/platform/keys';
import { migrate } from '../src/platform/migrate';
import { LSN_COOKIE, type ReadTarget, formatLsn, parseLsn } from '../src/platform/read-replica';
import { TEST_ENGINE } from './database';
import { createClient } from './factories/care';
import { buildOrg, createUser } from './factories/org';
import { type ReplicaCluster, startReplicaCluster } from './factories/replica-cluster';
import { TEST_START, TestClient, testConfig } from './harness';

/**
 * Issue 13 goal 7 (ADR 0008): with DATABASE_REPLICA_URL, dashboards, exports and ledger reads go to a streaming
 * replica and everything else to the primary, and a user who has just written reads from the primary until the
 * replica has replayed their write. A fresh primary and a real streaming replica of it (pg_basebackup) on loopback
 * ports; replay paused on the replica stands for lag. Runs in the PostgreSQL pass (LINLI_TEST_DB=postgres) only.
 */

/** A TestClient that also keeps the read-after-write cookie, as a browser does. */
class Browser extends TestClient {
  lsn: string | null = null;
  override async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const withLsn =
      this.lsn && this.cookie ? { ...headers, cookie: `${this.cookie}; ${LSN_COOKIE}=${this.lsn}` } : headers;
    const response = await super.request(method, url, body, withLsn);
    const set = response.cookies.find((c) => c.name === LSN_COOKIE);
    if (set) this.lsn = set.value;
    return response;
  }
}

let cluster: ReplicaCluster | null = null;
let database: Database | null = null;
let app: FastifyInstance | null = null;
/** Where each routed read went, in order (the read router's hook). */
const routed: ReadTarget[] = [];

beforeAll(async () => {
  if (TEST_ENGINE !== 'postgres') return;
  cluster = await startReplicaCluster();
  database = await createDb({ databaseUrl: cluster.primaryUrl, replicaUrl: cluster.replicaUrl, dataDir: 'memory://' });
  await migrate(database);
  const config = testConfig({ databaseUrl: cluster.primaryUrl, databaseReplicaUrl: cluster.replicaUrl });
  app = await buildApp({
    database,
    config,
    clock: new FakeClock(TEST_START),
    keys: generateKeys(),
    logger: false,
    background: false,
  });
  await app.ready();
  app.ctx.reads.onRoute = (target) => routed.push(target);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await cluster?.destroy();
}, 60_000);

async function signIn(roles: Parameters<typeof createUser>[1]['roles'], areas: string[]): Promise<Browser> {
  const user = await createUser(app!.ctx, { roles, areas });
  const browser = new Browser(app!);
  const res = await browser.login(user.username, user.password);
  expect(res.json().status, res.body).toBe('ok');
  return browser;
}

/** What `fn` returned, and where the routed reads it made went (each place once; a page may make several). */
async function routesOf<T>(fn: () => Promise<T>): Promise<{ result: T; targets: ReadTarget[] }> {
  const from = routed.length;
  const result = await fn();
  return { result, targets: [...new Set(routed.slice(from))].sort() };
}

const clientsOnHome = (who: Browser) =>
  routesOf(async () => (await who.getAs(CareHome, '/api/care/home')).area!.clients);

/** Rows in the ledger export's sheet (headings and watermark included: compared before and after only). */
const ledgerRows = (who: Browser, community: string) =>
  routesOf(async () => {
    const res = await who.get(`/api/care/ledger/export?communityCode=${community}`);
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return workbook.worksheets[0]!.actualRowCount;
  });

const recovery = async (db: Parameters<typeof queryRows>[0]) =>
  (await queryRows<{ standby: boolean }>(db, sql`SELECT pg_is_in_recovery() AS standby`))[0]!.standby;

describe.skipIf(TEST_ENGINE !== 'postgres')('a streaming read replica (DATABASE_REPLICA_URL, PostgreSQL only)', () => {
  it('hands out the replica for routed reads, a handle that cannot write', async () => {
    const ctx = app!.ctx;
    expect(await recovery(ctx.db)).toBe(false);
    expect(await cluster!.caughtUp()).toBe(true);
    const routedDb = await ctx.readDb(null);
    expect(await recovery(routedDb)).toBe(true);
    // The handle is read-only: a write through it fails rather than going anywhere.
    const failure = await routedDb.execute(sql`CREATE TABLE replica_probe (x int)`).then(
      () => null,
      (error: Error) => error,
    );
    expect(String((failure?.cause as Error | undefined)?.message ?? failure)).toMatch(/read-only transaction/);
  });

  it('routes dashboards and exports to the replica, writes to the primary, and lets a user read their own write', async () => {
    const org = await buildOrg(app!.ctx);
    const supervisor = await signIn(['community_supervisor'], [org.communityA]);
    const officer = await signIn(['street_officer'], [org.streetA]);
    await createClient(supervisor, org.communityA);
    // The day's first dashboard rebuilds the overdue rollup on the primary; routed reads then wait for the replica.
    expect((await supervisor.get('/api/care/overdue')).statusCode).toBe(200);
    expect(await cluster!.caughtUp()).toBe(true);

    const before = {
      supervisor: await clientsOnHome(supervisor),
      officer: await clientsOnHome(officer),
      supervisorLedger: await ledgerRows(supervisor, org.communityA),
      officerLedger: await ledgerRows(officer, org.communityA),
    };
    // (a) With the replica caught up, dashboards and exports are read there, the writer's too.
    for (const read of Object.values(before)) expect(read.targets).toEqual(['replica']);

    // Lag: the replica receives the primary's WAL but replays none of it.
    await cluster!.query('replica', 'SELECT pg_wal_replay_pause()');
    try {
      // (b) The write goes to the primary: it succeeds, and the paused replica has not got it.
      const lsnBefore = supervisor.lsn;
      const created = await createClient(supervisor, org.communityA, { name: '复制延迟测试' });
      expect(supervisor.lsn).not.toBeNull();
      expect(supervisor.lsn).not.toBe(lsnBefore);
      const onPrimary = await queryRows(app!.ctx.db, sql`SELECT 1 FROM clients WHERE id = ${created.id}`);
      expect(onPrimary).toHaveLength(1);
      expect(await cluster!.query('replica', `SELECT 1 FROM clients WHERE id = '${created.id}'`)).toHaveLength(0);

      // (c) Read after write: the writer's routed reads go to the primary and see the new client at once.
      const mine = await clientsOnHome(supervisor);
      expect(mine).toEqual({ result: before.supervisor.result + 1, targets: ['primary'] });
      const myLedger = await ledgerRows(supervisor, org.communityA);
      expect(myLedger).toEqual({ result: before.supervisorLedger.result + 1, targets: ['primary'] });

      // (d) Someone else's routed reads still go to the lagging replica: the new client is not there yet.
      const theirs = await clientsOnHome(officer);
      expect(theirs).toEqual({ result: before.officer.result, targets: ['replica'] });
      const theirLedger = await ledgerRows(officer, org.communityA);
      expect(theirLedger).toEqual({ result: before.officerLedger.result, targets: ['replica'] });
      const overdue = await routesOf(() => officer.getAs(OverdueQueue, '/api/care/overdue'));
      expect(overdue.targets).toEqual(['replica']);
      // Reads that are not routed stay on the primary for everyone: the client page shows the new client.
      expect((await officer.get(`/api/care/clients/${created.id}`)).statusCode).toBe(200);
    } finally {
      await cluster!.query('replica', 'SELECT pg_wal_replay_resume()');
    }

    // Once the replica has replayed the write, the writer reads there again, and everyone sees the client.
    expect(await cluster!.caughtUp()).toBe(true);
    await new Promise((r) => setTimeout(r, 150)); // past the cached replay position
    expect(await clientsOnHome(supervisor)).toEqual({ result: before.supervisor.result + 1, targets: ['replica'] });
    expect(await clientsOnHome(officer)).toEqual({ result: before.officer.result + 1, targets: ['replica'] });

    // A replica that stops answering sends routed reads to the primary instead of failing them.
    await cluster!.stopReplica();
    await new Promise((r) => setTimeout(r, 150));
    expect(await clientsOnHome(officer)).toEqual({ result: before.officer.result + 1, targets: ['primary'] });
  });
});

describe('read-replica configuration (every engine)', () => {
  it('refuses DATABASE_REPLICA_URL without DATABASE_URL, saying why', async () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://replica/linli' })).toThrow(/needs|DATABASE_URL is not/);
    expect(loadConfig({}).databaseReplicaUrl).toBeNull();
    await expect(
      createDb({ databaseUrl: null, replicaUrl: 'postgres://replica/linli', dataDir: 'memory://' }),
    ).rejects.toThrow(/DATABASE_REPLICA_URL needs DATABASE_URL/);
  });

  it('reads WAL positions from the cookie strictly and orders them as PostgreSQL does', () => {
    expect(parseLsn('0/3000000')).toBe(0x3000000n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(formatLsn(parseLsn('16/b374d848')!)).toBe('16/B374D848');
    for (const bad of ['', '0', '0/', 'x/1', '0/1; drop', '123456789/0', undefined]) expect(parseLsn(bad)).toBeNull();
  });
});
