import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, AuditWriter, queueAudit, sealAudit, verifyAuditChain, type AuditEvent } from '../src/platform/audit';
import { createDb } from '../src/platform/db';
import { migrate } from '../src/platform/migrate';
import { generateKeys } from '../src/platform/keys';
import { FakeClock } from '../src/platform/clock';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './database';

const event = (i: number): AuditEvent => ({
  actorId: null, actorName: `user-${i}`, role: 'community_worker', areaCodes: ['510107001004'], action: 'client.read',
  objectType: 'client', objectIds: [`id-${i}`], fields: ['name', 'phone'], result: 'success', ip: '127.0.0.1', requestId: null, detail: null,
});

/** Tampering needs the table owner to switch the append-only trigger off, as a rogue DBA would. */
async function tamper(db: TestDatabase['database']['db'], statement: ReturnType<typeof sql>) {
  await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
  await db.execute(statement);
  await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
}

describe('audit hash chain (R-17)', () => {
  let testDb: TestDatabase;
  const keys = generateKeys();
  const clock = new FakeClock();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const { db } = testDb.database;
    for (let i = 1; i <= 10; i++) await db.transaction((tx) => appendAudit(tx, keys.auditHmac, clock, [event(i)]));
  });
  afterAll(() => testDb.drop());

  it('verifies an untouched chain, and not with another key', async () => {
    expect(await verifyAuditChain(testDb.database.db, keys.auditHmac)).toEqual({ ok: true, checked: 10, firstBrokenSeq: null, reason: null });
    expect((await verifyAuditChain(testDb.database.db, generateKeys().auditHmac)).firstBrokenSeq).toBe(1);
  });

  it('refuses UPDATE and DELETE from the application', async () => {
    await expect(testDb.database.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow();
    await expect(testDb.database.db.execute(sql`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow();
  });

  it('names the first altered row', async () => {
    await tamper(testDb.database.db, sql`UPDATE audit_log SET fields = '{name}' WHERE seq = 4`);
    const result = await verifyAuditChain(testDb.database.db, keys.auditHmac);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 4, checked: 3 });
  });

  it('names a deleted row, in the middle or at the end', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      for (let i = 1; i <= 6; i++) await db.transaction((tx) => appendAudit(tx, keys.auditHmac, clock, [event(i)]));
      await tamper(db, sql`DELETE FROM audit_log WHERE seq = 6`);
      expect((await verifyAuditChain(db, keys.auditHmac)).firstBrokenSeq).toBe(6);
      await tamper(db, sql`DELETE FROM audit_log WHERE seq = 3`);
      const result = await verifyAuditChain(db, keys.auditHmac);
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: 3 });
      expect(result.reason).toContain('deleted');
    } finally {
      await fresh.drop();
    }
  });

  it('stays one chain when many writers append at once', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction((tx) => appendAudit(tx, keys.auditHmac, clock, [event(i), event(i + 100)]))));
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 40 });
    } finally {
      await fresh.drop();
    }
  });
});

describe('audit outbox (ADR 0005)', () => {
  const keys = generateKeys();
  const clock = new FakeClock();
  const pendingCount = async (db: TestDatabase['database']['db']) =>
    Number(((await db.execute(sql`SELECT count(*)::int AS n FROM audit_pending`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

  it('queues rows with their transaction and seals them into one verifiable chain, in order', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      await db.transaction((tx) => queueAudit(tx, clock, [event(1), event(2)]));
      // A transaction that rolls back leaves no audit row behind, as before.
      await expect(db.transaction(async (tx) => {
        await queueAudit(tx, clock, [event(99)]);
        throw new Error('change failed');
      })).rejects.toThrow('change failed');
      await db.transaction((tx) => queueAudit(tx, clock, [{ ...event(3), at: new Date('2026-03-02T01:02:03.456Z') }]));
      expect(await pendingCount(db)).toBe(3);
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 0 });
      expect(await sealAudit(db, keys.auditHmac, clock, 2)).toBe(3);
      expect(await pendingCount(db)).toBe(0);
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 3 });
      const rows = (await db.execute(sql`SELECT seq, actor_name, at FROM audit_log ORDER BY seq`)) as unknown as { rows: { seq: number; actor_name: string; at: Date | string }[] };
      expect(rows.rows.map((r) => r.actor_name)).toEqual(['user-1', 'user-2', 'user-3']);
      expect(new Date(rows.rows[2]!.at).toISOString()).toBe('2026-03-02T01:02:03.456Z'); // the event's own time is chained
    } finally {
      await fresh.drop();
    }
  });

  it('seals a backlog larger than one batch (a server that was down, a burst of reads)', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      await db.transaction((tx) => queueAudit(tx, clock, Array.from({ length: 12_000 }, (_, i) => event(i))));
      expect(await sealAudit(db, keys.auditHmac, clock)).toBe(12_000);
      expect(await pendingCount(db)).toBe(0);
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 12_000 });
    } finally {
      await fresh.drop();
    }
  });

  it('refuses to update or delete pending rows outside the sealer', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      await db.transaction((tx) => queueAudit(tx, clock, [event(1)]));
      await expect(db.execute(sql`UPDATE audit_pending SET actor_name = 'x'`)).rejects.toThrow();
      await expect(db.execute(sql`DELETE FROM audit_pending`)).rejects.toThrow();
      expect(await pendingCount(db)).toBe(1);
    } finally {
      await fresh.drop();
    }
  });

  it('keeps one chain when writers queue and several sealers seal at once', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      const log = { error: () => undefined, info: () => undefined, warn: () => undefined } as unknown as Console;
      const writers = [0, 1, 2].map(() => new AuditWriter(db, keys.auditHmac, clock, log, { flushIntervalMs: 5 }));
      await Promise.all(Array.from({ length: 30 }, async (_, i) => {
        await db.transaction((tx) => queueAudit(tx, clock, [event(i), event(i + 100)]));
        writers[i % 3]!.enqueue(event(i + 200));
        if (i % 5 === 0) await writers[(i + 1) % 3]!.flush();
      }));
      for (const w of writers) await w.close();
      expect(await pendingCount(db)).toBe(0);
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 90 });
    } finally {
      await fresh.drop();
    }
  });
});

describe('`linli audit verify`', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
  const keyFile = path.join(dir, 'keys.json');
  let testDb: TestDatabase | null = null;
  afterAll(async () => {
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  function runCli(env: Record<string, string>) {
    const cli = path.resolve(import.meta.dirname, '../bin/linli.mjs');
    const base: NodeJS.ProcessEnv = { ...process.env, ...env, LINLI_KEY_FILE: keyFile, LINLI_LOG_LEVEL: 'silent' };
    delete base.LINLI_AUDIT_HMAC_KEY;
    return spawnSync(process.execPath, [cli, 'audit', 'verify'], { env: base, encoding: 'utf8', timeout: 60_000 });
  }

  it('exits 0 on a sound chain and non-zero naming the first broken row after tampering', async () => {
    const keys = generateKeys();
    writeFileSync(keyFile, JSON.stringify({ auditHmac: keys.auditHmac.toString('base64'), field: keys.field.toString('base64'), blindIndex: keys.blindIndex.toString('base64') }));
    let env: Record<string, string>;
    let database;
    if (TEST_ENGINE === 'postgres') {
      testDb = await createTestDatabase();
      database = testDb.database;
      env = { DATABASE_URL: testDb.url! };
    } else {
      database = await createDb({ databaseUrl: null, dataDir: path.join(dir, 'pg') });
      await migrate(database);
      env = { LINLI_DATA_DIR: dir + '/pg', DATABASE_URL: '' };
    }
    const clock = new FakeClock();
    for (let i = 1; i <= 3; i++) await database.db.transaction((tx) => appendAudit(tx, keys.auditHmac, clock, [event(i)]));
    // Two rows a stopped server left in the outbox: verify seals them first.
    await database.db.transaction((tx) => queueAudit(tx, clock, [event(4), event(5)]));
    if (TEST_ENGINE === 'pglite') await database.close();

    const sound = runCli(env);
    expect(sound.stdout).toContain('sealed 2 pending audit rows');
    expect(sound.stdout + sound.stderr).toContain('5 rows verified');
    expect(sound.status).toBe(0);

    if (TEST_ENGINE === 'pglite') database = await createDb({ databaseUrl: null, dataDir: path.join(dir, 'pg') });
    await tamper(database.db, sql`UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 2`);
    if (TEST_ENGINE === 'pglite') await database.close();
    const broken = runCli(env);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('BROKEN at row 2');
  });
});
