import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, integer, text } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreparedStatementClient, STATEMENTS_PER_CONNECTION } from '../src/platform/pg-statements';
import { TEST_ENGINE, type TestDatabase, createTestDatabase } from './database';

/**
 * Named prepared statements on PostgreSQL (platform/pg-statements.ts, issue 13 goal 3): what pg would send with the
 * extended protocol is parsed once per connection and run again by name; everything else goes as before.
 * PostgreSQL pass only (PGlite has its own, pglite-statements.test.ts).
 */
describe.skipIf(TEST_ENGINE !== 'postgres')('prepared statements on PostgreSQL', () => {
  let testDb: TestDatabase;
  let client: PreparedStatementClient;
  /** What this connection holds in PostgreSQL's own list of prepared statements. */
  const prepared = async () =>
    (await client.query('SELECT name, statement FROM pg_catalog.pg_prepared_statements ORDER BY name')).rows as {
      name: string;
      statement: string;
    }[];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    client = new PreparedStatementClient({ connectionString: testDb.url! });
    await client.connect();
    await client.query('CREATE TABLE prep_probe (id integer PRIMARY KEY, label text NOT NULL)');
    await client.query("INSERT INTO prep_probe SELECT g, 'row ' || g FROM generate_series(1, 50) g");
  });
  afterAll(async () => {
    await client?.end();
    await testDb?.drop();
  });

  it('parses a statement with values once on the connection and runs it by name after that', async () => {
    const text = 'SELECT label FROM prep_probe WHERE id = $1';
    for (const id of [3, 7, 3]) {
      const { rows } = await client.query(text, [id]);
      expect(rows).toEqual([{ label: `row ${id}` }]);
    }
    const kept = (await prepared()).filter((p) => p.statement === text);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.name).toMatch(/^linli_\d+$/);
    expect(client.namedStatements).toBeGreaterThanOrEqual(1);
  });

  it("leaves a statement with a LIKE pattern as a value unnamed (a generic plan cannot know the prefix's reach)", async () => {
    const before = (await prepared()).length;
    for (const pattern of ['row 1%', 'row 2%', 'row 1%', 'row 1%', 'row 1%', 'row 1%', 'row 1%']) {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM prep_probe WHERE label LIKE $1', [pattern]);
      expect(rows).toEqual([{ n: 11 }]);
    }
    expect((await prepared()).length).toBe(before);
  });

  it('leaves texts without values as simple queries: a script of several statements still runs', async () => {
    const before = (await prepared()).length;
    const results = (await client.query('SELECT 1 AS a; SELECT 2 AS b')) as unknown as pg.QueryResult[];
    expect(results.map((r) => r.rows[0])).toEqual([{ a: 1 }, { b: 2 }]);
    expect((await prepared()).length).toBe(before);
  });

  it("works under drizzle, whose one config object per statement is never changed (a pool's connections share it)", async () => {
    const probe = pgTable('prep_probe', { id: integer('id').primaryKey(), label: text('label').notNull() });
    const pool = new pg.Pool({ Client: PreparedStatementClient, connectionString: testDb.url!, max: 3 });
    try {
      const db = drizzle(pool);
      const labelOf = async (id: number) =>
        (await db.select({ label: probe.label }).from(probe).where(eq(probe.id, id)))[0];
      const labels = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map(labelOf));
      expect(labels.map((r) => r!.label)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => `row ${id}`));
      const inTransaction = await db.transaction(async (tx) => {
        await tx.update(probe).set({ label: 'changed' }).where(eq(probe.id, 50));
        return tx.select().from(probe).where(eq(probe.id, 50));
      });
      expect(inTransaction).toEqual([{ id: 50, label: 'changed' }]);
    } finally {
      await pool.end();
    }
  });

  it('reports a plan that DDL made stale once, then parses the statement again under a new name', async () => {
    const text = 'SELECT * FROM prep_probe WHERE id = $1';
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, label: 'row 1' }]);
    await client.query('ALTER TABLE prep_probe ADD COLUMN note text');
    await expect(client.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, label: 'row 1', note: null }]);
    expect((await prepared()).filter((p) => p.statement === text)).toHaveLength(2);
    await client.query('ALTER TABLE prep_probe DROP COLUMN note');
  });

  it("forgets a stale plan's name through pg.Pool too (its query() passes a callback)", async () => {
    const pool = new pg.Pool({ Client: PreparedStatementClient, connectionString: testDb.url!, max: 1 });
    try {
      const text = 'SELECT * FROM prep_probe WHERE id = $1';
      expect((await pool.query(text, [2])).rows).toEqual([{ id: 2, label: 'row 2' }]);
      await pool.query('ALTER TABLE prep_probe ADD COLUMN extra int');
      await expect(pool.query(text, [2])).rejects.toMatchObject({ code: '0A000' });
      expect((await pool.query(text, [2])).rows).toEqual([{ id: 2, label: 'row 2', extra: null }]);
      await pool.query('ALTER TABLE prep_probe DROP COLUMN extra');
    } finally {
      await pool.end();
    }
  });

  it(`keeps at most ${STATEMENTS_PER_CONNECTION} names on a connection; later texts run unnamed, with the same results`, async () => {
    const fresh = new PreparedStatementClient({ connectionString: testDb.url! });
    await fresh.connect();
    try {
      for (let i = 0; i < STATEMENTS_PER_CONNECTION + 5; i++) {
        const { rows } = await fresh.query(`SELECT $1::int + ${i} AS n`, [1]);
        expect(rows).toEqual([{ n: 1 + i }]);
      }
      expect(fresh.namedStatements).toBe(STATEMENTS_PER_CONNECTION);
      const { rows } = await fresh.query('SELECT count(*)::int AS n FROM pg_catalog.pg_prepared_statements');
      expect(rows).toEqual([{ n: STATEMENTS_PER_CONNECTION }]);
    } finally {
      await fresh.end();
    }
  });
});
