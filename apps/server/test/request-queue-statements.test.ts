import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RequestIntakeResult, RequestStepResult, RoutingRule } from '@linli/contracts/modules/requests';
import { type QueueUnit, unitQueue } from '../src/modules/requests/unit-queue.repository';
import { requests } from '../src/modules/requests/requests.tables';
import { linksOf } from '../src/modules/requests/unit-links.repository';
import { buildOrg } from './factories/org';
import { createCategory, districtOfficer } from './factories/requests';
import { signedIn, useTestApp } from './harness';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
const HOUR_MS = 3_600_000;

type Staff = Awaited<ReturnType<typeof signedIn>>;

/** Files a request in the community and routes it as the catalogue says; its id. */
async function fileAndRoute(who: Staff, communityCode: string, categoryId: string): Promise<string> {
  const filed = await who.client.postAs(RequestIntakeResult, '/api/requests', {
    channel: 'walk_in',
    communityCode,
    categoryId,
    attributes: { floor: 'high' },
    description: '楼道灯坏了，晚上看不见台阶',
  });
  await who.client.postAs(RequestStepResult, `/api/requests/${filed.id}/route`, {});
  return filed.id;
}

/** Each request's deadline `hours[i]` hours from `now`. */
async function dueIn(ids: string[], now: Date, hours: number[]): Promise<void> {
  for (const [i, id] of ids.entries())
    await t.app.ctx.db
      .update(requests)
      .set({ dueAt: new Date(now.getTime() + hours[i]! * HOUR_MS) })
      .where(inArray(requests.id, [id]));
}

const unit = (prefixes: string[]): QueueUnit => ({
  organisationId: null,
  partner: false,
  prefixes,
  streetOfficer: false,
});

/**
 * A community or grid team's queue with one scope prefix is read by statements built once per handle
 * (unit-queue.repository.ts `unitQueue`); other units by statements built per call. The same prefix written twice
 * (`[c, c]`: the same jurisdiction) takes the per-call path; both must answer the same pages and totals.
 */
describe('the unit queue read by statements built once', () => {
  it('answers what the statements built per call answer: order (overdue first), pages, total, scope', async () => {
    const org = await buildOrg(t.app.ctx);
    const category = await createCategory(await districtOfficer(t.app, org.district), org.district);
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const otherWorker = await signedIn(t, ['community_worker'], [org.communityB]);
    const ours: string[] = [];
    for (let i = 0; i < 5; i++) ours.push(await fileAndRoute(worker, org.communityA, category.id));
    const theirs = await fileAndRoute(otherWorker, org.communityB, category.id);
    const now = t.clock.now();
    // Deadlines spread out, two already past; one request signed (within each overdue group, unsigned ones first).
    await worker.client.postAs(RequestStepResult, `/api/requests/${ours[3]}/sign`, {});
    await dueIn(ours, now, [-30, 50, -5, 20, 80]);

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

  it("lists another community's requests sent to a team by a street's rule, and forgets them as they leave", async () => {
    const org = await buildOrg(t.app.ctx);
    const officer = await districtOfficer(t.app, org.district);
    const sentCategory = await createCategory(officer, org.district);
    const ownCategory = await createCategory(officer, org.district);
    // Street A sends the first category of every one of its communities to community B's team.
    await officer.postAs(RoutingRule, '/api/requests/catalogue/rules', {
      areaCode: org.streetA,
      categoryId: sentCategory.id,
      unitKind: 'community',
      unitAreaCode: org.communityB,
    });
    const workerA = await signedIn(t, ['community_worker'], [org.communityA]);
    const workerB = await signedIn(t, ['community_worker'], [org.communityB]);
    const sent = [
      await fileAndRoute(workerA, org.communityA, sentCategory.id),
      await fileAndRoute(workerA, org.communityA, sentCategory.id),
    ];
    const own: string[] = [];
    for (let i = 0; i < 3; i++)
      own.push(await fileAndRoute(workerB, org.communityB, i === 1 ? sentCategory.id : ownCategory.id));
    expect((await linksOf(t.app.ctx.db, [...sent, ...own])).map((l) => [l.requestId, l.areaCode]).sort()).toEqual(
      sent.map((id) => [id, org.communityB]).sort(),
    );
    const now = t.clock.now();
    await dueIn([...sent, ...own], now, [-10, 30, -20, 5, 60]);
    // Community B's team sees its own requests and the two sent from A, in one order; every page agrees with the
    // statement over every community (the per-call path).
    const once = unit([org.communityB]);
    const perCall = unit([org.communityB, org.communityB]);
    const all = await unitQueue(t.app.ctx.db, once, now, { page: 1, pageSize: 10 });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.id)).toEqual([own[0], sent[0], own[1], sent[1], own[2]]);
    for (const page of [1, 2, 3, 4])
      expect(await unitQueue(t.app.ctx.db, once, now, { page, pageSize: 2 })).toEqual(
        await unitQueue(t.app.ctx.db, perCall, now, { page, pageSize: 2 }),
      );
    // Community A's team holds none of them; through the API community B's worker sees them and may open one of
    // community A's requests it handles.
    expect((await unitQueue(t.app.ctx.db, unit([org.communityA]), now, { page: 1, pageSize: 10 })).total).toBe(0);
    const queue = await workerB.client.getAs(
      z.object({ total: z.number(), items: z.array(z.object({ id: z.string() })) }),
      '/api/requests/queue',
    );
    expect(queue.items.map((r) => r.id)).toEqual([own[0], sent[0], own[1], sent[1], own[2]]);
    expect((await workerB.client.get(`/api/requests/${sent[1]}`)).statusCode).toBe(200);
    // The request page reads the catalogue of the request's community for its questions: the same district's.
    const catalogue = await workerB.client.get(`/api/requests/catalogue/categories?areaCode=${org.communityA}`);
    expect(catalogue.statusCode).toBe(200);

    // Leaving the queue: one sent request is transferred back to community A, the other signed and resolved.
    await workerB.client.postAs(RequestStepResult, `/api/requests/${sent[0]}/transfer`, {
      unit: { kind: 'community' },
      reason: '属于一号社区辖区',
    });
    await workerB.client.postAs(RequestStepResult, `/api/requests/${sent[1]}/sign`, {});
    await workerB.client.postAs(RequestStepResult, `/api/requests/${sent[1]}/resolve`, { reply: '已修好楼道灯' });
    expect(await linksOf(t.app.ctx.db, sent)).toEqual([]);
    const afterwards = await unitQueue(t.app.ctx.db, once, now, { page: 1, pageSize: 10 });
    expect(afterwards.rows.map((r) => r.id)).toEqual([own[0], own[1], own[2]]);
    expect(
      (await unitQueue(t.app.ctx.db, unit([org.communityA]), now, { page: 1, pageSize: 10 })).rows.map((r) => r.id),
    ).toEqual([sent[0]]);
  });
});
