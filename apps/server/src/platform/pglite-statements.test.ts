import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATEMENT_CACHE_SIZE, pgliteStatements, type PgliteStatementClient } from './pglite-statements';

// The named-statement path must answer exactly as PGlite's own query() does: same rows, same types, same errors.

let pglite: PGlite;
let fast: PgliteStatementClient;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.exec(`
    CREATE TABLE t (id int PRIMARY KEY, name text, at timestamptz, day date, doc jsonb, tags text[], amount numeric,
                    blob bytea, ok boolean);
    INSERT INTO t VALUES (1, '王秀兰', '2026-03-02T01:00:00Z', '2026-03-02', '{"a":[1,2]}', '{x,"y z"}', 12.50,
                          '\\x0102', true);`);
  fast = pgliteStatements(pglite);
});
afterAll(() => pglite.close());

const SAMPLES: [string, unknown[]][] = [
  ['SELECT * FROM t WHERE id = $1', [1]],
  ['SELECT * FROM t WHERE at >= $1 AND day <= $2', [new Date('2026-01-01T00:00:00Z'), '2026-12-31']],
  [
    'SELECT $1::jsonb AS doc, $2::text[] AS tags, $3::int[] AS ids',
    [{ b: ['秀', null] }, ['a"b', 'c,d', null], [3, 4]],
  ],
  [
    'SELECT $1::bytea AS blob, $2::boolean AS ok, $3::numeric AS n, $4::text AS nothing',
    [Buffer.from([9, 8]), false, '1.5', null],
  ],
  ['SELECT count(*)::int AS n FROM t WHERE name = ANY($1)', [['王秀兰', '李四']]],
];

describe('pgliteStatements', () => {
  it('answers like PGlite query(), in both row modes', async () => {
    for (const [text, params] of SAMPLES)
      for (const rowMode of ['object', 'array'] as const) {
        const expected = await pglite.query(text, params, { rowMode });
        const got = await fast.query(text, params, { rowMode });
        expect(got.rows).toEqual(expected.rows);
        expect(got.fields).toEqual(expected.fields);
      }
    // A second run uses the kept statement and still answers the same.
    const [text, params] = SAMPLES[1]!;
    expect((await fast.query(text, params)).rows).toEqual((await pglite.query(text, params)).rows);
  });

  it('reports affected rows of writes and errors with their code; the statement stays usable', async () => {
    const insert = 'INSERT INTO t (id, name) VALUES ($1, $2)';
    expect((await fast.query(insert, [2, '张三'])).affectedRows).toBe(1);
    const error = await fast.query(insert, [2, '张三']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505', query: insert });
    expect((await fast.query(insert, [3, '李四'])).affectedRows).toBe(1);
    const syntax = await fast.query('SELEC 1').catch((e: unknown) => e);
    expect(syntax).toMatchObject({ code: '42601' });
  });

  it('parses a statement again when DDL changed its result columns', async () => {
    await pglite.exec('CREATE TABLE d (a int); INSERT INTO d VALUES (1)');
    expect((await fast.query('SELECT * FROM d')).rows).toEqual([{ a: 1 }]);
    await pglite.exec('ALTER TABLE d ADD COLUMN b text DEFAULT $$x$$');
    expect((await fast.query('SELECT * FROM d')).rows).toEqual([{ a: 1, b: 'x' }]);
  });

  it('commits and rolls back inside a transaction; other queries wait for it', async () => {
    await fast.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id, name) VALUES ($1, $2)', [10, '事务']);
    });
    expect((await fast.query('SELECT name FROM t WHERE id = $1', [10])).rows).toEqual([{ name: '事务' }]);

    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const transaction = fast
      .transaction(async (tx) => {
        await tx.query('UPDATE t SET name = $1 WHERE id = $2', ['改了', 10]);
        await held;
        order.push('tx-end');
        throw new Error('roll back');
      })
      .catch(() => order.push('rolled-back'));
    const outside = fast.query('SELECT name FROM t WHERE id = $1', [10]).then((r) => {
      order.push('outside');
      return r.rows;
    });
    await new Promise((r) => setTimeout(r, 20));
    release();
    expect(await outside).toEqual([{ name: '事务' }]);
    await transaction;
    expect(order).toEqual(['tx-end', 'rolled-back', 'outside']);
  });

  it(`keeps at most ${STATEMENT_CACHE_SIZE} statements, closing the oldest`, async () => {
    for (let i = 0; i < STATEMENT_CACHE_SIZE + 20; i++)
      expect((await fast.query(`SELECT $1::int + ${i} AS n`, [1])).rows).toEqual([{ n: 1 + i }]);
    expect(fast.cachedStatements).toBe(STATEMENT_CACHE_SIZE);
    const { rows } = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements');
    expect(rows[0]!.n).toBe(STATEMENT_CACHE_SIZE);
  });
});
