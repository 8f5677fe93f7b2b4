import { ClientDetail, ClientTimelinePage, RecordVisitResult, type TimelineEntry } from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { findUserById } from '../src/modules/users';
import { assess, createClient } from './factories/care';
import { buildOrg } from './factories/org';
import { expectError, signedIn, useTestApp } from './harness';

// The client page's history: paged by a cursor (latest 20, then older), each entry naming who did it.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  const nameOf = async (id: string) => (await findUserById(t.app.ctx.db, id))!.displayName;
  return { org, worker, supervisor, workerName: await nameOf(worker.id), supervisorName: await nameOf(supervisor.id) };
}

const timelineUrl = (id: string, before?: string) =>
  `/api/care/clients/${id}/timeline${before ? `?before=${encodeURIComponent(before)}` : ''}`;

describe('client timeline paging', () => {
  it('gives the latest 20 with the detail, then the older ones from the cursor, none twice or lost', async () => {
    const { org, worker, supervisor, workerName, supervisorName } = await community();
    const c = await createClient(worker.client, org.communityA);
    // 24 edits a minute apart, alternating editors: 25 entries with the creation.
    for (let i = 1; i <= 24; i++) {
      t.clock.advanceMinutes(1);
      const editor = i % 2 ? worker.client : supervisor.client;
      const res = await editor.patch(`/api/care/clients/${c.id}`, { version: i, notes: `第${i}次修改` });
      expect(res.statusCode).toBe(200);
    }
    const detail = await worker.client.getAs(ClientDetail, `/api/care/clients/${c.id}`);
    expect(detail.timeline).toHaveLength(20);
    expect(detail.timelineCursor).not.toBeNull();
    const ats = detail.timeline.map((e) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
    // Newest: the 24th edit (by the supervisor); the one before it by the worker.
    expect(detail.timeline[0]).toMatchObject({ kind: 'updated', actorName: supervisorName });
    expect(detail.timeline[1]).toMatchObject({ kind: 'updated', actorName: workerName });

    const older = await worker.client.getAs(ClientTimelinePage, timelineUrl(c.id, detail.timelineCursor!));
    expect(older.items).toHaveLength(5);
    expect(older.nextCursor).toBeNull();
    const all: TimelineEntry[] = [...detail.timeline, ...older.items];
    expect(all.map((e) => e.at)).toEqual(
      all
        .map((e) => e.at)
        .sort()
        .reverse(),
    );
    expect(new Set(all.map((e) => e.at)).size).toBe(25);
    expect(all.at(-1)).toMatchObject({ kind: 'created', actorName: workerName });

    // A smaller page size, then its cursor.
    const small = await worker.client.getAs(ClientTimelinePage, `${timelineUrl(c.id)}?limit=3`);
    expect(small.items.map((e) => e.at)).toEqual(all.slice(0, 3).map((e) => e.at));
    const next = await worker.client.getAs(ClientTimelinePage, `${timelineUrl(c.id, small.nextCursor!)}&limit=3`);
    expect(next.items.map((e) => e.at)).toEqual(all.slice(3, 6).map((e) => e.at));
  });

  it('refuses a malformed cursor and hides another area client', async () => {
    const { org, worker } = await community();
    const c = await createClient(worker.client, org.communityA);
    expectError(await worker.client.get(timelineUrl(c.id, 'not-a-cursor')), 400);
    const outsider = await signedIn(t, ['community_worker'], [org.communityB]);
    expectError(await outsider.client.get(timelineUrl(c.id)), 404);
  });
});

describe('who did what', () => {
  it('names the worker who assessed and recorded a visit, and the visit keeps its notes', async () => {
    const { org, worker, supervisor, workerName, supervisorName } = await community();
    const c = await createClient(worker.client, org.communityA);
    await assess(worker.client, c.id, 'red');
    const before = await worker.client.getAs(ClientDetail, `/api/care/clients/${c.id}`);
    expect(before.nextVisit).toMatchObject({ clientId: c.id, status: 'planned' });
    expect(before.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await supervisor.client.postAs(RecordVisitResult, `/api/care/visits/${before.nextVisit!.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: before.today,
      notes: '老人血压偏高，已提醒按时服药',
      services: ['测血压'],
    });
    const after = await worker.client.getAs(ClientDetail, `/api/care/clients/${c.id}`);
    const visit = after.timeline.find((e) => e.kind === 'visit');
    expect(visit).toMatchObject({
      actorName: supervisorName,
      data: { status: 'done', mode: 'home', notes: '老人血压偏高，已提醒按时服药', services: ['测血压'] },
    });
    expect(after.timeline.find((e) => e.kind === 'assessment')?.actorName).toBe(workerName);
    expect(after.nextVisit?.id).not.toBe(before.nextVisit!.id); // the follow-up booked from the tier policy
  });
});
