import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { RequestIntakeResult, RequestStepResult } from '@linli/contracts/modules/requests';
import { type QueueUnit, unitQueue } from '../src/modules/requests/requests.repository';
import { requests } from '../src/modules/requests/requests.tables';
import { buildOrg } from './factories/org';
import { createCategory, districtOfficer } from './factories/requests';
import { signedIn, useTestApp } from './harness';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
const HOUR_MS = 3_600_000;

/**
 * A community or grid team's queue with one scope prefix is read by statements built once per handle
 * (requests.repository.ts `unitQueue`); other units by statements built per call. The same prefix written twice
 * (`[c, c]`: the same jurisdiction) takes the per-call path; both must answer the same pages and totals.
 */
describe('the unit queue read by statements built once', () => {
  it('answers what the statements built per call answer: order (overdue first), pages, total, scope', async () => {
    const org = await buildOrg(t.app.ctx);
    const category = await createCategory(await districtOfficer(t.app, org.district), org.district);
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const otherWorker = await signedIn(t, ['community_worker'], [org.communityB]);
    const file = async (who: typeof worker, communityCode: string) => {
      const filed = await who.client.postAs(RequestIntakeResult, '/api/requests', {
        channel: 'walk_in',
        communityCode,
        categoryId: category.id,
        attributes: { floor: 'high' },
        description: '楼道灯坏了，晚上看不见台阶',
      });
      await who.client.postAs(RequestStepResult, `/api/requests/${filed.id}/route`, {});
      return filed.id;
    };
    const ours: string[] = [];
    for (let i = 0; i < 5; i++) ours.push(await file(worker, org.communityA));
    const theirs = await file(otherWorker, org.communityB);
    const now = t.clock.now();
    // Deadlines spread out, two already past; one request signed (within each overdue group, unsigned ones first).
    await worker.client.postAs(RequestStepResult, `/api/requests/${ours[3]}/sign`, {});
    const due = [-30, 50, -5, 20, 80];
    for (const [i, id] of ours.entries())
      await t.app.ctx.db
        .update(requests)
        .set({ dueAt: new Date(now.getTime() + due[i]! * HOUR_MS) })
        .where(inArray(requests.id, [id]));

    const unit = (prefixes: string[]): QueueUnit => ({
      organisationId: null,
      partner: false,
      prefixes,
      streetOfficer: false,
    });
    const once = unit([org.communityA]);
    const perCall = unit([org.communityA, org.communityA]);
    const first = await unitQueue(t.app.ctx.db, once, now, { page: 1, pageSize: 10 });
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => r.id)).toEqual([ours[0], ours[2], ours[1], ours[4], ours[3]]);
    expect(first.rows.map((r) => r.id)).not.toContain(theirs);
    for (const page of [1, 2, 3, 4]) {
      const q = { page, pageSize: 2 };
      const built = await unitQueue(t.app.ctx.db, once, now, q);
      expect(built).toEqual(await unitQueue(t.app.ctx.db, perCall, now, q));
      expect(built.rows.length).toBe(Math.max(0, Math.min(2, 5 - (page - 1) * 2)));
    }
    // A day and more later the signed one is overdue too: another order, through the same built statement.
    const later = new Date(now.getTime() + 30 * HOUR_MS);
    const after = await unitQueue(t.app.ctx.db, once, later, { page: 1, pageSize: 10 });
    expect(after.rows.map((r) => r.id)).toEqual([ours[0], ours[2], ours[3], ours[1], ours[4]]);
    expect(after).toEqual(await unitQueue(t.app.ctx.db, perCall, later, { page: 1, pageSize: 10 }));
    // The other community's queue holds only its own request.
    const other = await unitQueue(t.app.ctx.db, unit([org.communityB]), now, { page: 1, pageSize: 10 });
    expect(other.rows.map((r) => r.id)).toEqual([theirs]);
  });
});
