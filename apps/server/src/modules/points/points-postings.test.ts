import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { FakeClock } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { AreaKey } from '../../platform/colocated';
import type { Tx } from '../../platform/db';
import { migrate } from '../../platform/migrate';
import { ensurePointAccount, transferPoints, type TransferInput } from './points-ledger';
import { ledgerCheck } from './points-ledger.repository';
import { statementLines, totalsByKind } from './points.repository';

// Each account's side of each transfer (migration 0044): what statements read, under the account's own community, so
// that on a Citus cluster a statement stays on the account's shard group even when the transfer's other end and the
// transfer itself lie in another community.
let testDb: TestDatabase;
let ctx: AppContext;
beforeAll(async () => {
  testDb = await createTestDatabase();
  ctx = { db: testDb.database.db, clock: new FakeClock('2026-03-02T01:00:00Z') } as unknown as AppContext;
});
afterAll(() => testDb?.drop());

const A = '110105001001';
const B = '110105001002';
const inTx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => ctx.db.transaction(fn);
const account = (kind: 'issuer' | 'volunteer' | 'supermarket', areaCode: string, ownerId: string = randomUUID()) =>
  inTx((tx) => ensurePointAccount(tx, { kind, ownerId, areaCode }));
const move = (input: Pick<TransferInput, 'from' | 'to' | 'points' | 'kind' | 'areaCode'>) =>
  inTx((tx) =>
    transferPoints(ctx, tx, { refType: 'test', refId: randomUUID(), memo: input.kind, actorUserId: null, ...input }),
  );
const postings = () =>
  testDb.owner(`SELECT area_code, account_id, transfer_id, points::int AS points, kind, counterpart_kind, memo, ref_type,
      ref_id, reverses_transfer_id, created_at FROM point_postings ORDER BY transfer_id, account_id`);
const statement = async (key: AreaKey) =>
  (await inTx((tx) => statementLines(tx, key, 1, 50))).rows.map((l) => `${l.kind} ${l.points} ${l.counterpartKind}`);

describe('love-bank postings', () => {
  it("books each side of a transfer under its own account's community, also when the two lie in two", async () => {
    const issuer = await account('issuer', A, A);
    const volunteer = await account('volunteer', A);
    const market = await account('supermarket', B); // another community's charity supermarket
    const earned = await move({ from: issuer, to: volunteer, points: 40, kind: 'earn', areaCode: A });
    const spent = await move({ from: volunteer, to: market, points: 15, kind: 'redeem', areaCode: B });

    const rows = await testDb.owner(
      `SELECT transfer_id, account_id, area_code, points::int AS points FROM point_postings
       WHERE transfer_id IN ('${earned.transferId}', '${spent.transferId}')`,
    );
    const side = (transferId: string, key: AreaKey) =>
      rows.find((r) => r.transfer_id === transferId && r.account_id === key.id);
    expect(side(earned.transferId, issuer)).toMatchObject({ area_code: A, points: -40 });
    expect(side(earned.transferId, volunteer)).toMatchObject({ area_code: A, points: 40 });
    expect(side(spent.transferId, volunteer)).toMatchObject({ area_code: A, points: -15 });
    expect(side(spent.transferId, market)).toMatchObject({ area_code: B, points: 15 });
    expect(rows).toHaveLength(4);

    expect((await statement(volunteer)).sort()).toEqual(['earn 40 issuer', 'redeem -15 supermarket']);
    expect(await statement(market)).toEqual(['redeem 15 volunteer']);
    expect(await inTx((tx) => totalsByKind(tx, volunteer))).toEqual({ earn: 40, redeem: -15 });
    // Named by the wrong community, an account has no lines: the community is part of the key.
    expect(await statement({ id: market.id, areaCode: A })).toEqual([]);
    expect((await inTx((tx) => ledgerCheck(tx))).mismatched).toEqual([]);
    // Append-only, as the transfers are.
    const one = `transfer_id = '${spent.transferId}'`;
    await expect(ctx.db.execute(sql.raw(`UPDATE point_postings SET points = 1 WHERE ${one}`))).rejects.toThrow();
    await expect(ctx.db.execute(sql.raw(`DELETE FROM point_postings WHERE ${one}`))).rejects.toThrow();
  });

  it('a duplicate or refused transfer writes no posting', async () => {
    const issuer = await account('issuer', A, `${A}-dup`);
    const volunteer = await account('volunteer', A);
    const refId = randomUUID();
    const input = { refType: 'test', refId, memo: 'once', actorUserId: null, areaCode: A, kind: 'earn' as const };
    await inTx((tx) => transferPoints(ctx, tx, { ...input, from: issuer, to: volunteer, points: 5 }));
    const again = await inTx((tx) => transferPoints(ctx, tx, { ...input, from: issuer, to: volunteer, points: 5 }));
    expect(again.duplicate).toBe(true);
    await expect(move({ from: volunteer, to: issuer, points: 6, kind: 'adjust', areaCode: A })).rejects.toMatchObject({
      code: 'points.insufficient',
    });
    expect(await statement(volunteer)).toEqual(['earn 5 issuer']);
  });

  it("the migration's backfill of an existing ledger gives the postings the ledger itself writes", async () => {
    const before = await postings();
    expect(before).toHaveLength(6); // three transfers above, two sides each
    // An installation from before 0044: its transfers, no postings. Migrating again backfills them.
    await testDb.owner('DROP TABLE point_postings');
    await testDb.owner('DROP FUNCTION point_postings_append_only()');
    await testDb.owner("DELETE FROM schema_migrations WHERE name LIKE '0044\\_%'");
    expect(await migrate(testDb.database)).toEqual([expect.stringMatching(/^0044_/)]);
    expect(await postings()).toEqual(before);
  });
});
