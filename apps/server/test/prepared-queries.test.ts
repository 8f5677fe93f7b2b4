import type { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../src/modules/org/areas.tables';
import type { DbOrTx } from '../src/platform/db';
import { preparedOn, UNNAMED } from '../src/platform/prepared-queries';
import { TEST_ENGINE, type TestDatabase, createTestDatabase } from './database';

/**
 * Drizzle queries built once per database handle (platform/prepared-queries.ts, issue 13 goals 2 and 3): the built
 * query is reused on its handle, runs on that handle's connection (a transaction's sees its own writes), and answers
 * what the same query built anew answers.
 */
describe('queries built once per handle', () => {
  let testDb: TestDatabase;
  let builds = 0;
  const areaByCode = (db: DbOrTx) =>
    preparedOn(db, 'test.areaByCode', (d) => {
      builds++;
      return d
        .select()
        .from(areas)
        .where(eq(areas.code, sql.placeholder('code')))
        .prepare(UNNAMED);
    });
  const area = (code: string, name: string) => ({
    code,
    parentCode: null,
    level: 'district' as const,
    name,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await testDb.database.db.insert(areas).values([area('990901000000', '甲区'), area('990902000000', '乙区')]);
  });
  afterAll(() => testDb?.drop());

  it('builds a query once per handle and key, and fills in the values on each call', async () => {
    const db = testDb.database.db;
    builds = 0;
    const first = areaByCode(db);
    expect(areaByCode(db)).toBe(first);
    expect(builds).toBe(1);
    const [a] = await first.execute({ code: '990901000000' });
    const [b] = await areaByCode(db).execute({ code: '990902000000' });
    expect([a?.name, b?.name]).toEqual(['甲区', '乙区']);
    // The same row as a query built anew: same columns, same types (dates as Date).
    const [direct] = await db.select().from(areas).where(eq(areas.code, '990901000000'));
    expect(a).toEqual(direct);
    expect(a?.createdAt).toBeInstanceOf(Date);
    expect(await areaByCode(db).execute({ code: '990999000000' })).toEqual([]);
  });

  it("a query built on a transaction runs in it (sees its uncommitted row) and is not the pool's", async () => {
    const db = testDb.database.db;
    builds = 0;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(areas).values(area('990903000000', '丙区'));
        expect(areaByCode(tx)).not.toBe(areaByCode(db));
        const [seen] = await areaByCode(tx).execute({ code: '990903000000' });
        expect(seen?.name).toBe('丙区');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // Not built again: the pool's query, copied and bound to the transaction's connection.
    expect(builds).toBe(0);
    expect(await areaByCode(db).execute({ code: '990903000000' })).toEqual([]);
  });

  it('another Drizzle instance on the same connection (its own logger) builds its own query', async () => {
    const db = testDb.database.db;
    areaByCode(db); // the pool's, built by the tests before
    const client = (db as unknown as { session: { client: unknown } }).session.client;
    const logged: string[] = [];
    const logger = { logQuery: (query: string) => void logged.push(query) };
    const other = (TEST_ENGINE === 'postgres'
      ? drizzlePg(client as pg.Pool, { logger })
      : drizzlePglite(client as PGlite, { logger })) as unknown as DbOrTx;
    builds = 0;
    const [row] = await areaByCode(other).execute({ code: '990901000000' });
    expect(row?.name).toBe('甲区');
    expect(builds).toBe(1);
    // Its own logger saw the statement (a copy of the first instance's query would have logged to that one's).
    expect(logged.filter((q) => q.includes('"areas"'))).toHaveLength(1);
  });

  it.skipIf(TEST_ENGINE !== 'postgres')(
    "on PostgreSQL the connection keeps the statement once, under the pool client's own name (pg-statements.ts)",
    async () => {
      // In one transaction: one connection, whose list pg_prepared_statements shows.
      const names = await testDb.database.db.transaction(async (tx) => {
        for (const code of ['990901000000', '990902000000', '990901000000']) await areaByCode(tx).execute({ code });
        const kept = await tx.execute(
          sql`SELECT name FROM pg_catalog.pg_prepared_statements WHERE statement LIKE ${'%from "areas" where "areas"."code" = $1'}`,
        );
        return ((kept as unknown as { rows: { name: string }[] }).rows ?? []).map((r) => r.name);
      });
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(/^linli_\d+$/);
    },
  );
});
