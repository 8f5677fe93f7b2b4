import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients } from '../src/modules/care/clients/clients.tables';
import { minorBornAfter } from '../src/modules/care/clients/clients.policy';
import { visits } from '../src/modules/care/visits/visits.tables';
import {
  type WorklistBucketName,
  type WorklistFilter,
  worklistPage,
  worklistTotals,
} from '../src/modules/care/visits/visits.repository';
import { buildOrg } from './factories/org';
import { createClient } from './factories/care';
import { signedIn, useTestApp } from './harness';

// Every test starts at 2026-03-02 (a Monday, China); the worklist reaches the ISO week's Sunday, 2026-03-08.
const t = useTestApp();
const TODAY = '2026-03-02';
const UNTIL = '2026-03-08';
const BUCKETS: WorklistBucketName[] = ['overdue', 'dueToday', 'thisWeek'];

/**
 * A worker's own worklist in one community is read by statements built once per handle (visits.repository.ts
 * `ownListInCommunity`); every other shape is built per call. Both must answer the same: the same prefixes written
 * twice (`[c, c]`, the same jurisdiction) take the built-per-call path, and each total and page must be equal.
 */
describe('the worklist read by statements built once', () => {
  it('answers what the statements built per call answer: totals, each bucket, pages, the minors rule', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const colleague = await signedIn(t, ['community_worker'], [org.communityA]);
    const db = t.app.ctx.db;
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await createClient(worker.client, org.communityA));
    const [a, b, c, ownMinor, otherMinor, elsewhere] = made.map((m) => m.id);
    // Two minors: one the worker's own, one assigned to a colleague (seen only by those who see all minors).
    await db.update(clients).set({ birthDate: '2016-05-01', assigneeId: worker.id }).where(eq(clients.id, ownMinor!));
    await db
      .update(clients)
      .set({ birthDate: '2017-05-01', assigneeId: colleague.id })
      .where(eq(clients.id, otherMinor!));
    const ids = made.map((m) => m.id);
    await db.delete(visits).where(inArray(visits.clientId, ids)); // only the visits below
    const visit = (
      clientId: string,
      windowStart: string,
      windowEnd: string,
      extra: Partial<typeof visits.$inferInsert> = {},
    ) => ({
      id: randomUUID(),
      clientId,
      areaCode: org.communityA,
      gridCode: null,
      assigneeId: worker.id,
      windowStart,
      dueDate: windowStart,
      windowEnd,
      mode: 'home' as const,
      status: 'planned' as const,
      tier: 'red' as const,
      services: [],
      createdAt: new Date(),
      updatedAt: new Date(),
      ...extra,
    });
    await db.insert(visits).values([
      visit(a!, '2026-02-10', '2026-02-20'), // overdue
      visit(b!, '2026-02-10', '2026-02-20'), // overdue, same due date: ordered by name, then id
      visit(c!, '2026-02-25', '2026-03-01'), // overdue by a day
      visit(ownMinor!, '2026-02-28', '2026-03-04'), // due today
      visit(otherMinor!, '2026-03-01', '2026-03-02'), // due today, a colleague's minor
      visit(a!, '2026-03-05', '2026-03-10'), // this week
      visit(b!, '2026-03-09', '2026-03-12'), // next week: not on the list
      visit(c!, '2026-03-03', '2026-03-06', { status: 'done' }), // done: not on the list
      visit(elsewhere!, '2026-03-03', '2026-03-06', { assigneeId: colleague.id }), // the colleague's visit
    ]);

    for (const seesAllMinors of [false, true]) {
      const filter = (prefixes: string[]): WorklistFilter => ({
        assigneeId: worker.id,
        until: UNTIL,
        visibility: { prefixes, actorId: worker.id, seesAllMinors, minorBornAfter: minorBornAfter(t.clock.now()) },
      });
      const once = filter([org.communityA]);
      const perCall = filter([org.communityA, org.communityA]);
      const totals = await worklistTotals(db, once, TODAY);
      expect(totals).toEqual({ overdue: 3, dueToday: seesAllMinors ? 2 : 1, thisWeek: 1 });
      expect(await worklistTotals(db, perCall, TODAY)).toEqual(totals);
      for (const bucket of BUCKETS) {
        for (const offset of [0, 1, 2]) {
          const page = { bucket, today: TODAY, limit: 2, offset };
          const rows = await worklistPage(db, once, page);
          expect(rows.length).toBe(Math.max(0, Math.min(2, totals[bucket] - offset)));
          expect(rows).toEqual(await worklistPage(db, perCall, page));
        }
      }
      // A second call on the same handle reuses the built statement with new values: another day, other buckets.
      expect(await worklistTotals(db, once, '2026-03-05')).toEqual(await worklistTotals(db, perCall, '2026-03-05'));
    }
  });
});
