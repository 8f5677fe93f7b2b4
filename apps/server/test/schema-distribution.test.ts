import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_AREA_FKS, GLOBAL, isDistributed, SAME_AREA_FKS, UNIQUE_TO_CHANGE } from '../src/db/distribution';
import { loadModules } from '../src/modules';
import { areaCodedTables } from '../src/modules/org';
import { queryRows } from '../src/platform/db';
import { createTestDatabase, TEST_CITUS, type TestDatabase } from './database';

// The classification (distributed / reference / coordinator, and the foreign keys and unique indexes still to change)
// lives in src/db/distribution.ts; this test holds the migrated catalogue to it. A new table, foreign key or unique
// index that a distributed engine could not keep fails here until it is classified.

/** Domain tables that lack their area code today: to add before distributing (ADR 0009, change 2). */
const AREA_CODE_TO_ADD: Record<string, string> = {};

/** Area-coded tables a merge leaves as they are, and why. */
const NOT_RECODED: Record<string, string> = {
  care_ontime_rollup: "the visits trigger moves the figures: the old community's rows net to zero with its deltas",
  care_ontime_delta: 'written by the visits trigger when the visits are re-coded',
  care_overdue_rollup: "the visits trigger moves the figures: the old community's rows net to zero with its deltas",
  care_overdue_delta: 'written by the visits trigger when the visits are re-coded',
  export_requests: 'a past export names the area it was made for',
  hour_export_requests: 'a past export names the area it was made for',
};

let testDb: TestDatabase;
let tables: { name: string; has_area: boolean; area_not_null: boolean }[];
beforeAll(async () => {
  testDb = await createTestDatabase();
  tables = await queryRows(
    testDb.database.db,
    sql`SELECT c.relname AS name, a.attname IS NOT NULL AS has_area, coalesce(a.attnotnull, false) AS area_not_null
      FROM pg_catalog.pg_class c
      LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'area_code' AND NOT a.attisdropped
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      ORDER BY 1`,
  );
});
afterAll(() => testDb.drop());

// On a Citus cluster the tables are distributed already (keys changed, cross-community keys dropped): citus.test.ts
// checks the placement there instead.
describe.skipIf(TEST_CITUS)('schema ready for distribution by area code (ADR 0009)', () => {
  it('every table is classified: area-coded, global for a reason, or listed to get its area code', () => {
    const names = new Set(tables.map((t) => t.name));
    expect(
      tables.filter((t) => !t.has_area && !(t.name in GLOBAL) && !(t.name in AREA_CODE_TO_ADD)).map((t) => t.name),
    ).toEqual([]);
    // No stale entries: every listed table exists, and one that has got its area code leaves the to-do list.
    expect([...Object.keys(GLOBAL), ...Object.keys(AREA_CODE_TO_ADD)].filter((t) => !names.has(t))).toEqual([]);
    expect(tables.filter((t) => t.has_area && t.name in AREA_CODE_TO_ADD).map((t) => t.name)).toEqual([]);
    // A distribution column cannot hold NULL.
    expect(tables.filter((t) => t.has_area && isDistributed(t.name) && !t.area_not_null).map((t) => t.name)).toEqual(
      [],
    );
    // Not vacuous: the catalogue query saw the domain tables.
    expect(tables.filter((t) => t.has_area && isDistributed(t.name)).length).toBeGreaterThan(40);
  });

  it('a merge of communities re-codes every area-coded table (a row left behind would lose its community)', async () => {
    await loadModules(); // the modules register their tables when imported
    const recoded = new Set(areaCodedTables());
    expect(
      tables
        .filter((t) => t.has_area && isDistributed(t.name) && !recoded.has(t.name) && !(t.name in NOT_RECODED))
        .map((t) => t.name),
    ).toEqual([]);
    expect(Object.keys(NOT_RECODED).filter((t) => recoded.has(t))).toEqual([]);
  });

  it('no foreign key a distributed engine could not keep, except the listed ones', async () => {
    const fks = await queryRows<{ child: string; parent: string; child_cols: string; parent_cols: string }>(
      testDb.database.db,
      sql`SELECT ch.relname AS child, pa.relname AS parent,
          (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(num, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS child_cols,
          (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(num, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) AS parent_cols
        FROM pg_catalog.pg_constraint c
        JOIN pg_catalog.pg_class ch ON ch.oid = c.conrelid
        JOIN pg_catalog.pg_class pa ON pa.oid = c.confrelid
        WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
        ORDER BY 1, 3`,
    );
    const keepable = (fk: (typeof fks)[number]): boolean => {
      const parent = GLOBAL[fk.parent]?.[0];
      if (parent === 'reference') return true; // any table may reference a reference table
      if (parent === 'coordinator') return !isDistributed(fk.child) && GLOBAL[fk.child]?.[0] === 'coordinator';
      // The parent is distributed: only a co-located distributed child, with area_code at the same position.
      const at = fk.child_cols.split(',').indexOf('area_code');
      return isDistributed(fk.child) && at >= 0 && fk.parent_cols.split(',')[at] === 'area_code';
    };
    const name = (fk: (typeof fks)[number]) =>
      `${fk.child}.${fk.child_cols} -> ${fk.parent}${fk.parent_cols === 'id' ? '' : `(${fk.parent_cols})`}`;
    const offending = fks.filter((fk) => !keepable(fk)).map(name);
    const listed = [...SAME_AREA_FKS, ...Object.keys(CROSS_AREA_FKS)];
    expect(offending.filter((fk) => !listed.includes(fk))).toEqual([]);
    expect(listed.filter((fk) => !offending.includes(fk))).toEqual([]); // fixed or gone: take it off the list
    expect(fks.length).toBeGreaterThan(50);
  });

  it('no unique index on a distributed table without the area code, except the listed ones', async () => {
    // Primary keys are left out: every distributed table's (id) becomes (area_code, id) in one mechanical step.
    const uniques = await queryRows<{ tbl: string; idx: string; has_area: boolean }>(
      testDb.database.db,
      sql`SELECT t.relname AS tbl, i.relname AS idx,
          EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'area_code'
            AND a.attnum = ANY (x.indkey::int2[])) AS has_area
        FROM pg_catalog.pg_index x
        JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
        JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
        WHERE t.relnamespace = current_schema()::regnamespace AND x.indisunique AND NOT x.indisprimary
        ORDER BY 2`,
    );
    const offending = uniques.filter((u) => isDistributed(u.tbl) && !u.has_area).map((u) => u.idx);
    expect(offending.filter((idx) => !(idx in UNIQUE_TO_CHANGE))).toEqual([]);
    expect(Object.keys(UNIQUE_TO_CHANGE).filter((idx) => !offending.includes(idx))).toEqual([]);
  });
});
