import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, queueAudit, sealAudit, verifyAuditChain, type AuditEvent } from '../src/platform/audit';
import { AuditAnchor } from '../src/platform/audit-anchor';
import { AuditWriter } from '../src/platform/audit-writer';
import { createDb, type Database } from '../src/platform/db';
import { migrate } from '../src/platform/migrate';
import { generateKeys } from '../src/platform/keys';
import { FakeClock } from '../src/platform/clock';
import { asOwner, createTestDatabase, TEST_ENGINE, type TestDatabase } from './database';
import { createClient } from './factories/care';
import { buildOrg, createUser } from './factories/org';
import { createTestApp, TestClient } from './harness';

const event = (i: number): AuditEvent => ({
  actorId: null,
  actorName: `user-${i}`,
  role: 'community_worker',
  areaCodes: ['510107001004'],
  action: 'client.read',
  objectType: 'client',
  objectIds: [`id-${i}`],
  fields: ['name', 'phone'],
  result: 'success',
  ip: '127.0.0.1',
  requestId: null,
  detail: null,
});

/**
 * Tampering needs the owner role (the application role may not even try) to switch the append-only trigger off,
 * as a rogue DBA would.
 */
async function tamper(database: Database, statements: string) {
  // One command per call: Citus propagates DDL by its text, which it cannot do for a string of several commands.
  const steps = [
    'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
    ...statements.split(/;\s*\n/).map((s) => s.trim()),
    'ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update',
  ];
  for (const step of steps) await asOwner(database, step);
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
    expect(await verifyAuditChain(testDb.database.db, keys.auditHmac)).toEqual({
      ok: true,
      checked: 10,
      firstBrokenSeq: null,
      reason: null,
      lastAnchoredSeq: null,
    });
    expect((await verifyAuditChain(testDb.database.db, generateKeys().auditHmac)).firstBrokenSeq).toBe(1);
  });

  it('refuses UPDATE and DELETE from the application', async () => {
    await expect(testDb.database.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow();
    await expect(testDb.database.db.execute(sql`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow();
  });

  it('names the first altered row', async () => {
    await tamper(testDb.database, `UPDATE audit_log SET fields = '{name}' WHERE seq = 4`);
    const result = await verifyAuditChain(testDb.database.db, keys.auditHmac);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 4, checked: 3 });
  });

  it('names a deleted row, in the middle or at the end', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      for (let i = 1; i <= 6; i++) await db.transaction((tx) => appendAudit(tx, keys.auditHmac, clock, [event(i)]));
      await tamper(fresh.database, 'DELETE FROM audit_log WHERE seq = 6');
      expect((await verifyAuditChain(db, keys.auditHmac)).firstBrokenSeq).toBe(6);
      await tamper(fresh.database, 'DELETE FROM audit_log WHERE seq = 3');
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
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction((tx) => appendAudit(tx, keys.auditHmac, clock, [event(i), event(i + 100)])),
        ),
      );
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
    Number(
      ((await db.execute(sql`SELECT count(*)::int AS n FROM audit_pending`)) as unknown as { rows: { n: number }[] })
        .rows[0]!.n,
    );

  it('queues rows with their transaction and seals them into one verifiable chain, in order', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      await db.transaction((tx) => queueAudit(tx, clock, [event(1), event(2)]));
      // A transaction that rolls back leaves no audit row behind, as before.
      await expect(
        db.transaction(async (tx) => {
          await queueAudit(tx, clock, [event(99)]);
          throw new Error('change failed');
        }),
      ).rejects.toThrow('change failed');
      await db.transaction((tx) => queueAudit(tx, clock, [{ ...event(3), at: new Date('2026-03-02T01:02:03.456Z') }]));
      expect(await pendingCount(db)).toBe(3);
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 0 });
      expect(await sealAudit(db, keys.auditHmac, clock, 2)).toBe(3);
      expect(await pendingCount(db)).toBe(0);
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 3 });
      const rows = (await db.execute(sql`SELECT seq, actor_name, at FROM audit_log ORDER BY seq`)) as unknown as {
        rows: { seq: number; actor_name: string; at: Date | string }[];
      };
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
      await db.transaction((tx) =>
        queueAudit(
          tx,
          clock,
          Array.from({ length: 12_000 }, (_, i) => event(i)),
        ),
      );
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
      await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          await db.transaction((tx) => queueAudit(tx, clock, [event(i), event(i + 100)]));
          writers[i % 3]!.enqueue(event(i + 200));
          if (i % 5 === 0) await writers[(i + 1) % 3]!.flush();
        }),
      );
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
    delete base.LINLI_AUDIT_ANCHOR_KEY;
    delete base.LINLI_AUDIT_ANCHOR_FILE;
    return spawnSync(process.execPath, [cli, 'audit', 'verify'], { env: base, encoding: 'utf8', timeout: 60_000 });
  }

  it('exits 0 on a sound chain and non-zero naming the first broken row after tampering', async () => {
    const keys = generateKeys();
    writeFileSync(
      keyFile,
      JSON.stringify({
        auditHmac: keys.auditHmac.toString('base64'),
        field: keys.field.toString('base64'),
        blindIndex: keys.blindIndex.toString('base64'),
      }),
    );
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
    for (let i = 1; i <= 3; i++)
      await database.db.transaction((tx) => appendAudit(tx, keys.auditHmac, clock, [event(i)]));
    // Two rows a stopped server left in the outbox: verify seals them first.
    await database.db.transaction((tx) => queueAudit(tx, clock, [event(4), event(5)]));
    if (TEST_ENGINE === 'pglite') await database.close();

    const sound = runCli(env);
    expect(sound.stdout).toContain('sealed 2 pending audit rows');
    expect(sound.stdout + sound.stderr).toContain('5 rows verified');
    expect(sound.stdout).toContain(`last anchored row 5 (${path.join(dir, 'audit-anchors.jsonl')})`); // beside the key file
    expect(sound.status).toBe(0);

    if (TEST_ENGINE === 'pglite') database = await createDb({ databaseUrl: null, dataDir: path.join(dir, 'pg') });
    await tamper(database, `UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 2`);
    if (TEST_ENGINE === 'pglite') await database.close();
    const broken = runCli(env);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('BROKEN at row 2');

    // F7: cut the chain back and move the head with it. The database agrees with itself; the anchor file does not.
    if (TEST_ENGINE === 'pglite') database = await createDb({ databaseUrl: null, dataDir: path.join(dir, 'pg') });
    await tamper(
      database,
      `UPDATE audit_log SET actor_name = 'user-2' WHERE seq = 2;
      DELETE FROM audit_log WHERE seq > 3;
      UPDATE audit_chain_head SET last_seq = 3, last_hash = (SELECT hash FROM audit_log WHERE seq = 3)`,
    );
    expect(await verifyAuditChain(database.db, keys.auditHmac)).toMatchObject({ ok: true, checked: 3 });
    if (TEST_ENGINE === 'pglite') await database.close();
    const cut = runCli(env);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toContain('BROKEN at row 4');
    expect(cut.stderr).toContain('last anchored row 5');
  }, 180_000); // four CLI processes, each opening the database
});

/** The database's own error message (drizzle wraps it as the cause of its "Failed query" error). */
async function dbError(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: unknown) => {
      const e = error as { message?: string; cause?: { message?: string } };
      return e.cause?.message ?? e.message ?? String(error);
    },
  );
}

const rowsOf = async <T>(db: Database['db'], query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

describe('audit chain anchored outside the database (ADR 0006, F7)', () => {
  const keys = generateKeys();
  const clock = new FakeClock();
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-anchor-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports rows deleted at the end with the head moved back, naming the last anchored row', async () => {
    const fresh = await createTestDatabase();
    const anchor = new AuditAnchor(path.join(dir, 'cut.jsonl'), keys.auditAnchor);
    try {
      const { db } = fresh.database;
      await db.transaction((tx) => queueAudit(tx, clock, [1, 2, 3, 4].map(event)));
      expect(await sealAudit(db, keys.auditHmac, clock, 5000, anchor)).toBe(4);
      await db.transaction((tx) => queueAudit(tx, clock, [5, 6, 7, 8].map(event)));
      expect(await sealAudit(db, keys.auditHmac, clock, 5000, anchor)).toBe(8 - 4);
      expect((await anchor.read()).points.map((p) => p.seq)).toEqual([4, 8]);
      expect(await verifyAuditChain(db, keys.auditHmac, { anchor })).toEqual({
        ok: true,
        checked: 8,
        firstBrokenSeq: null,
        reason: null,
        lastAnchoredSeq: 8,
      });

      // The attack: delete the newest rows and move the head back to the last row kept.
      await tamper(
        fresh.database,
        `DELETE FROM audit_log WHERE seq > 5;
        UPDATE audit_chain_head SET last_seq = 5, last_hash = (SELECT hash FROM audit_log WHERE seq = 5)`,
      );
      // The database alone agrees with itself (this passed before the anchor existed) ...
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 5 });
      // ... the anchor does not.
      const cut = await verifyAuditChain(db, keys.auditHmac, { anchor });
      expect(cut).toMatchObject({ ok: false, checked: 5, firstBrokenSeq: 6, lastAnchoredSeq: 8 });
      expect(cut.reason).toContain('rows 6…8 are missing');
      expect(cut.reason).toContain('row 8 was anchored');

      // Growing the chain back past the anchored row does not hide it: row 8 is now another row.
      await db.transaction((tx) => queueAudit(tx, clock, [9, 10, 11].map(event)));
      await sealAudit(db, keys.auditHmac, clock);
      const regrown = await verifyAuditChain(db, keys.auditHmac, { anchor });
      expect(regrown).toMatchObject({ ok: false, firstBrokenSeq: 8, lastAnchoredSeq: 8 });
      expect(regrown.reason).toContain('not the row anchored');
    } finally {
      await fresh.drop();
    }
  });

  it("anchors from the server's writer at most once per interval, and the head it reached when it stops", async () => {
    const fresh = await createTestDatabase();
    const anchor = new AuditAnchor(path.join(dir, 'writer.jsonl'), keys.auditAnchor);
    const log = { error: () => undefined, info: () => undefined, warn: () => undefined } as unknown as Console;
    const writer = new AuditWriter(fresh.database.db, keys.auditHmac, clock, log, { anchor, anchorIntervalMs: 60_000 });
    try {
      const { db } = fresh.database;
      await db.transaction((tx) => queueAudit(tx, clock, [event(1), event(2)]));
      await writer.flush();
      expect((await anchor.read()).points).toEqual([{ seq: 2, hash: expect.any(String) }]); // the first is due at once
      writer.enqueue(event(3));
      await db.transaction((tx) => queueAudit(tx, clock, [event(4)]));
      await writer.flush();
      expect((await anchor.read()).points.map((p) => p.seq)).toEqual([2]); // sealed, not anchored yet: the window
      await writer.close();
      expect((await anchor.read()).points.map((p) => p.seq)).toEqual([2, 4]);
      expect(await verifyAuditChain(db, keys.auditHmac, { anchor })).toMatchObject({
        ok: true,
        checked: 4,
        lastAnchoredSeq: 4,
      });
    } finally {
      await writer.close();
      await fresh.drop();
    }
  });

  it('refuses anchor lines without the anchor key, skips a torn one, and survives concurrent appenders', async () => {
    const file = path.join(dir, 'lines.jsonl');
    const writers = [new AuditAnchor(file, keys.auditAnchor), new AuditAnchor(file, keys.auditAnchor)];
    // Two "processes" (two writers, separate descriptors) appending at once: every line lands whole.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        writers[i % 2]!.append({ seq: i + 1, hash: `h${i + 1}`.repeat(20) }, clock.now()),
      ),
    );
    const reading = await writers[0]!.read();
    expect(reading.points).toHaveLength(200);
    expect(reading).toMatchObject({ forged: [], unreadable: [] });

    // Someone with the file but not the key adds a higher anchor (to make a longer chain "expected") or a torn line.
    const { appendFileSync } = await import('node:fs');
    appendFileSync(file, '{"seq":5,"ha\n');
    appendFileSync(file, JSON.stringify({ seq: 9999, hash: 'x', at: new Date().toISOString(), mac: 'bogus' }) + '\n');
    const tampered = await writers[0]!.read();
    expect(tampered.points).toHaveLength(200);
    expect(tampered.unreadable).toEqual([201]);
    expect(tampered.forged).toEqual([202]);
    expect((await new AuditAnchor(file, generateKeys().auditAnchor).read()).forged).toHaveLength(201);

    const fresh = await createTestDatabase();
    try {
      const anchor = new AuditAnchor(path.join(dir, 'forged.jsonl'), keys.auditAnchor);
      await appendAudit(fresh.database.db, keys.auditHmac, clock, [event(1)]);
      appendFileSync(
        anchor.file,
        JSON.stringify({ seq: 1, hash: 'x', at: new Date().toISOString(), mac: 'bogus' }) + '\n',
      );
      const result = await verifyAuditChain(fresh.database.db, keys.auditHmac, { anchor });
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: null, lastAnchoredSeq: null });
      expect(result.reason).toContain('not authentic');
    } finally {
      await fresh.drop();
    }
  });
});

describe('audit tables behind database roles (ADR 0006, F7)', () => {
  const keys = generateKeys();
  const clock = new FakeClock();
  const pendingCount = async (db: Database['db']) =>
    (await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_pending`))[0]!.n;

  it('runs the application as linli_app, which may write the audit tables only through the audit functions', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      expect((await rowsOf<{ u: string }>(db, sql`SELECT current_user AS u`))[0]!.u).toBe('linli_app');
      await appendAudit(db, keys.auditHmac, clock, [event(1)]);
      await db.transaction((tx) => queueAudit(tx, clock, [event(2)]));
      const denied = /permission denied/;
      expect(
        await dbError(
          db.execute(
            sql`INSERT INTO audit_pending (at, action, result) VALUES (now() - interval '1 year', 'backdated', 'success')`,
          ),
        ),
      ).toMatch(denied);
      expect(await dbError(db.execute(sql`UPDATE audit_pending SET actor_name = 'x'`))).toMatch(denied);
      // The setting that opened deletions in migration 0009 opens nothing now.
      expect(
        await dbError(
          db.transaction(async (tx) => {
            await tx.execute(sql`SELECT set_config('linli.audit_sealing', 'on', true)`);
            await tx.execute(sql`DELETE FROM audit_pending`);
          }),
        ),
      ).toMatch(denied);
      expect(await dbError(db.execute(sql`TRUNCATE audit_pending`))).toMatch(denied);
      expect(await dbError(db.execute(sql`UPDATE audit_chain_head SET last_seq = 0, last_hash = 'genesis'`))).toMatch(
        denied,
      );
      expect(await dbError(db.execute(sql`DELETE FROM audit_log`))).toMatch(denied);
      expect(
        await dbError(
          db.execute(
            sql`INSERT INTO audit_log (seq, at, action, result, prev_hash, hash) VALUES (99, now(), 'x', 'success', 'a', 'b')`,
          ),
        ),
      ).toMatch(denied);
      expect(await dbError(db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`))).toMatch(
        /must be owner/,
      );
      // Sealing moves only rows that are there, into the chain, or nothing at all.
      expect(await dbError(db.execute(sql`SELECT audit_seal(ARRAY[2, 424242]::bigint[], ARRAY['x', 'y'])`))).toMatch(
        /1 of 2 rows are pending/,
      );
      expect(await pendingCount(db)).toBe(1);
      await sealAudit(db, keys.auditHmac, clock);
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 2 });
      // Even the owner meets the trigger: the setting trick is gone for everyone.
      await db.transaction((tx) => queueAudit(tx, clock, [event(3)]));
      expect(
        await dbError(fresh.owner(`SELECT set_config('linli.audit_sealing', 'on', true); DELETE FROM audit_pending`)),
      ).toMatch(/moved only by the audit sealer/);
      expect(await pendingCount(db)).toBe(1);
    } finally {
      await fresh.drop();
    }
  });

  it('grants linli_app the application tables and only reading the audit tables and the migration ledger', async () => {
    const fresh = await createTestDatabase();
    try {
      const rows = await fresh.owner(`SELECT c.relname AS name,
          has_table_privilege('linli_app', c.oid, 'SELECT') AS s, has_table_privilege('linli_app', c.oid, 'INSERT') AS i,
          has_table_privilege('linli_app', c.oid, 'UPDATE') AS u, has_table_privilege('linli_app', c.oid, 'DELETE') AS d
        FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`);
      const readOnly = new Set(['audit_log', 'audit_chain_head', 'audit_pending', 'schema_migrations']);
      expect(rows.length).toBeGreaterThan(20); // every table: the count grows with each module, so a floor
      for (const r of rows) {
        expect({ table: r.name, s: r.s, i: r.i, u: r.u, d: r.d }).toEqual(
          readOnly.has(String(r.name))
            ? { table: r.name, s: true, i: false, u: false, d: false }
            : { table: r.name, s: true, i: true, u: true, d: true },
        );
      }
      const owners = await fresh.owner(
        `SELECT relname, relowner::regrole::text AS owner FROM pg_class WHERE relname IN ('audit_log', 'audit_chain_head', 'audit_pending') ORDER BY 1`,
      );
      expect(owners.map((o) => o.owner)).toEqual(['linli_audit', 'linli_audit', 'linli_audit']);
    } finally {
      await fresh.drop();
    }
  });

  it('stamps each row with the database receive time and role, under the chain hash', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh.database;
      const before = Date.now();
      // The application claims the event happened a year ago; the database records when it got the row.
      await db.transaction((tx) => queueAudit(tx, clock, [{ ...event(1), at: new Date(before - 365 * 86_400_000) }]));
      const [pending] = await rowsOf<{ at: string; received_at: string; db_role: string }>(
        db,
        sql`SELECT at, received_at, db_role FROM audit_pending`,
      );
      const received = new Date(pending!.received_at).getTime();
      // The database's own clock, not the test's: a window around the wall-clock time of the write.
      expect(received).toBeGreaterThanOrEqual(before - 5_000);
      expect(received).toBeLessThanOrEqual(Date.now() + 5_000);
      expect(received % 1).toBe(0);
      expect(new Date(pending!.at).getTime()).toBeLessThan(before - 300 * 86_400_000);
      expect(pending!.db_role).toMatch(/\/linli_app$/); // login role / the role it runs as
      await sealAudit(db, keys.auditHmac, clock);
      const [sealed] = await rowsOf<{ received_at: string; db_role: string }>(
        db,
        sql`SELECT received_at, db_role FROM audit_log WHERE seq = 1`,
      );
      expect(new Date(sealed!.received_at).getTime()).toBe(received);
      expect(sealed!.db_role).toBe(pending!.db_role);
      expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 1 });

      for (const change of [
        // Literal times: Citus refuses timestamptz arithmetic on a column in an UPDATE (a stable function).
        `received_at = '${new Date(received - 86_400_000).toISOString()}'`, // backdating the receipt
        `received_at = '${new Date(received + 1).toISOString()}'`,
        `db_role = 'postgres'`, // pretending another role sent it
        'received_at = NULL, db_role = NULL', // passing it off as a row from before the stamp
      ]) {
        await tamper(fresh.database, `UPDATE audit_log SET ${change} WHERE seq = 1`);
        expect(await verifyAuditChain(db, keys.auditHmac), change).toMatchObject({
          ok: false,
          firstBrokenSeq: 1,
          reason: 'row 1 was altered',
        });
        await tamper(
          fresh.database,
          `UPDATE audit_log SET received_at = '${new Date(received).toISOString()}', db_role = '${pending!.db_role}' WHERE seq = 1`,
        );
        expect(await verifyAuditChain(db, keys.auditHmac)).toMatchObject({ ok: true, checked: 1 });
      }
    } finally {
      await fresh.drop();
    }
  });
});

describe('read audit rows are durable before the response (ADR 0006, F8)', () => {
  it('has the row of a read in the database when the response arrives, and refuses the read when it cannot write it', async () => {
    const t = await createTestApp();
    try {
      const org = await buildOrg(t.app.ctx);
      const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [org.communityA] });
      const client = new TestClient(t.app);
      expect((await client.login(user.username, user.password)).statusCode).toBe(200);
      const created = await createClient(client, org.communityA);
      const readRows = async () =>
        (
          await rowsOf<{ n: number }>(
            t.app.ctx.db,
            sql`SELECT count(*)::int AS n FROM (
          SELECT object_ids FROM audit_pending WHERE action = 'client.read' AND actor_id = ${user.id}
          UNION ALL SELECT object_ids FROM audit_log WHERE action = 'client.read' AND actor_id = ${user.id}) r
        WHERE ${created.id} = ANY(r.object_ids)`,
          )
        )[0]!.n;
      expect(await readRows()).toBe(0);

      const res = await client.get(`/api/care/clients/${created.id}`);
      expect(res.statusCode).toBe(200);
      // No flush, no wait: the row is already committed (in the outbox) when the response is in hand.
      expect(await readRows()).toBe(1);

      // Several reads at once share one write and each still has its row when its response arrives.
      const results = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const r = await client.get(`/api/care/clients/${created.id}`);
          return { status: r.statusCode, rows: await readRows() };
        }),
      );
      for (const r of results) expect(r.status).toBe(200);
      // How the five concurrent reads interleave is up to the scheduler: each saw at least its own row.
      expect(Math.min(...results.map((r) => r.rows))).toBeGreaterThanOrEqual(2);
      expect(await readRows()).toBe(6);

      // When the row cannot be written, the data does not leave: the read answers 503 audit.unavailable.
      await t.testDb.owner(
        'REVOKE EXECUTE ON FUNCTION audit_enqueue(timestamptz[], uuid[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) FROM linli_app',
      );
      const refused = await client.get(`/api/care/clients/${created.id}`);
      expect(refused.statusCode).toBe(503);
      expect(refused.json().code).toBe('audit.unavailable');
      expect(refused.body).not.toContain(created.id);
      await t.testDb.owner(
        'GRANT EXECUTE ON FUNCTION audit_enqueue(timestamptz[], uuid[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) TO linli_app',
      );
      // The refused read's row was kept and is written with the next one: an attempt is never lost.
      expect((await client.get(`/api/care/clients/${created.id}`)).statusCode).toBe(200);
      expect(await readRows()).toBe(8);
      await t.app.ctx.auditWriter.flush();
      expect(
        await verifyAuditChain(t.app.ctx.db, t.keys.auditHmac, { anchor: t.app.ctx.auditWriter.anchor }),
      ).toMatchObject({ ok: true });
    } finally {
      await t.close();
    }
  });
});
