import {
  CaseloadReassignResult,
  ClientDetail,
  ClientMerge,
  DEFAULT_TIER_POLICY,
  TierPolicy,
  TierPolicyUpdateResult,
  Worklist,
} from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { buildOrg } from './factories/org';
import { assess, createClient } from './factories/care';
import { expectError, signedIn, useTestApp, type TestClient } from './harness';

// Every test starts at 2026-03-02 09:00 (China), in a district of its own.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  return { org, worker: worker.client, supervisor: supervisor.client };
}

async function plannedClientIds(client: TestClient): Promise<string[]> {
  const list = await client.getAs(Worklist, '/api/care/worklist');
  return [...list.overdue, ...list.dueToday, ...list.thisWeek].map((v) => v.clientId);
}

describe('editing a client', () => {
  it('never lets two editors overwrite each other', async () => {
    const { org, worker, supervisor } = await community();
    const c = await createClient(worker, org.communityA);
    const [a, b] = await Promise.all([
      worker.patch(`/api/care/clients/${c.id}`, { version: 1, address: '甲地址' }),
      supervisor.patch(`/api/care/clients/${c.id}`, { version: 1, address: '乙地址' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expectError(await worker.patch(`/api/care/clients/${c.id}`, { version: 1, notes: '过期' }), 409, 'common.conflict');
    const detail = await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`);
    expect(detail.version).toBe(2);
    expect(detail.address).toBe(a.statusCode === 200 ? '甲地址' : '乙地址');
    expect(detail.timeline.map((e) => e.kind).sort()).toEqual(['created', 'updated']); // one edit, at the creation instant
  });
});

describe('caseload', () => {
  it('reassigning a grid moves its clients and their open visits to the new worker', async () => {
    const { org, worker, supervisor } = await community();
    const c = await createClient(worker, org.communityA, { gridCode: org.gridsA[1] });
    await assess(worker, c.id, 'red');
    await createClient(worker, org.communityA, { gridCode: org.gridsA[0] }); // another grid: stays
    const successor = await signedIn(t, ['grid_worker'], [org.gridsA[1]!]);
    expectError(
      await worker.post('/api/care/caseload/reassign', { gridCode: org.gridsA[1], toUserId: successor.id }),
      403,
    );
    const moved = await supervisor.postAs(CaseloadReassignResult, '/api/care/caseload/reassign', {
      gridCode: org.gridsA[1],
      toUserId: successor.id,
    });
    expect(moved).toMatchObject({ clients: 1, visits: 1 });
    expect(await plannedClientIds(successor.client)).toEqual([c.id]);
    expect(await plannedClientIds(worker)).toEqual([]);
  });

  it('moving out cancels open visits; a pause books the next visit on the resume date', async () => {
    const { org, worker } = await community();
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'yellow');
    const moved = await worker.postAs(ClientDetail, `/api/care/clients/${c.id}/status`, {
      version: 2,
      status: 'moved_out',
      reason: '随子女搬离',
    });
    expect(moved).toMatchObject({ status: 'moved_out', nextVisitDue: null });
    const back = await worker.postAs(ClientDetail, `/api/care/clients/${c.id}/status`, {
      version: 3,
      status: 'paused',
      resumeOn: '2026-04-15',
      reason: '住院治疗',
    });
    expect(back).toMatchObject({ status: 'paused', nextVisitDue: '2026-04-15' });
    const noDate = await worker.post(`/api/care/clients/${c.id}/status`, {
      version: 4,
      status: 'paused',
      reason: '住院',
    });
    expect(expectError(noDate, 400).fields![0]!.path).toBe('resumeOn');
  });
});

describe('tier policy', () => {
  it('is versioned per community, inherits the default, and a change re-plans open visits', async () => {
    const { org, worker, supervisor } = await community();
    const c = await createClient(worker, org.communityA);
    await assess(worker, c.id, 'red');
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`)).nextVisitDue).toBe('2026-03-09');
    const before = await supervisor.getAs(TierPolicy, `/api/care/policies/${org.communityA}`);
    expect(before).toMatchObject({ inherited: true, version: 0, rules: DEFAULT_TIER_POLICY });
    const rules = { ...DEFAULT_TIER_POLICY, cadenceDays: { red: 14, yellow: 30, blue: 365 } };
    expectError(await worker.put(`/api/care/policies/${org.communityA}`, { rules }), 403);
    const updated = await supervisor.putAs(TierPolicyUpdateResult, `/api/care/policies/${org.communityA}`, { rules });
    expect(updated).toMatchObject({ version: 1, inherited: false, replanned: 1 });
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${c.id}`)).nextVisitDue).toBe('2026-03-16');
    expectError(await supervisor.get(`/api/care/policies/${org.communityB}`), 404);
  });
});

describe('duplicate merge', () => {
  it('moves the history to the kept record and can be undone exactly', async () => {
    const { org, worker } = await community();
    const kept = await createClient(worker, org.communityA, { name: '合并保留' });
    const dup = await createClient(worker, org.communityA, { name: '合并重复' });
    await assess(worker, dup.id, 'red');
    const merge = await worker.postAs(ClientMerge, `/api/care/clients/${dup.id}/merge`, {
      intoId: kept.id,
      reason: '同一人重复录入',
    });
    expect(merge.moved).toMatchObject({ assessments: 1, tier_changes: 1, cancelled_visits: 1 });
    const source = await worker.getAs(ClientDetail, `/api/care/clients/${dup.id}`);
    expect(source).toMatchObject({ status: 'closed', nextVisitDue: null });
    const target = await worker.getAs(ClientDetail, `/api/care/clients/${kept.id}`);
    expect(target.timeline.filter((e) => e.kind === 'assessment')).toHaveLength(1);
    expectError(
      await worker.post(`/api/care/clients/${dup.id}/merge`, { intoId: kept.id, reason: '再次' }),
      409,
      'care.invalid_state',
    );
    const undone = await worker.postAs(ClientMerge, `/api/care/merges/${merge.id}/undo`);
    expect(undone.undoneAt).toBe('2026-03-02T01:00:00.000Z');
    const restored = await worker.getAs(ClientDetail, `/api/care/clients/${dup.id}`);
    expect(restored).toMatchObject({ status: 'active', nextVisitDue: '2026-03-09' });
    expect(
      (await worker.getAs(ClientDetail, `/api/care/clients/${kept.id}`)).timeline.filter(
        (e) => e.kind === 'assessment',
      ),
    ).toEqual([]);
    expectError(await worker.post(`/api/care/merges/${merge.id}/undo`), 409, 'care.invalid_state');
  });
});
