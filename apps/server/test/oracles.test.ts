import { ClientDetail, ClientList, DuplicateWarnings } from '@linli/contracts';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/platform/audit.tables';
import { buildOrg } from './factories/org';
import { createClient, makeIdNumber } from './factories/care';
import { expectError, signedIn, useTestApp } from './harness';

/** F4 and F5: masked numbers cannot be rebuilt, and nobody learns who is a client outside their own view. */
const LOOKUPS_PER_HOUR = 5;

// Every test starts at the same instant (the lookup budget is per hour), in a district of its own.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000, exactLookupsPerHour: LOOKUPS_PER_HOUR });

async function login(role: 'community_worker' | 'grid_worker' | 'community_supervisor', area: string) {
  return signedIn(t, [role], [area]);
}

async function auditRows(actorId: string, action: string) {
  await t.app.ctx.auditWriter.flush();
  return t.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action)));
}

describe('F5: no existence oracle across communities', () => {
  it('the duplicate check says only "may exist elsewhere" for a client of another community, and refuses a foreign community', async () => {
    const org = await buildOrg(t.app.ctx);
    const workerB = await login('community_worker', org.communityB);
    const idNumber = makeIdNumber('1940-04-04');
    const inB = await createClient(workerB.client, org.communityB, {
      name: '乙社区老人',
      idNumber,
      phone: '13611112222',
    });
    const workerA = await login('community_worker', org.communityA);

    expectError(
      await workerA.client.post('/api/care/clients/duplicates', {
        name: '乙社区老人',
        idNumber,
        communityCode: org.communityB,
      }),
      404,
    );

    const check = await workerA.client.post('/api/care/clients/duplicates', {
      name: '随便',
      idNumber,
      communityCode: org.communityA,
    });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({ duplicates: [], elsewhere: true });
    const byPhone = await workerA.client.post('/api/care/clients/duplicates', {
      name: '随便',
      phone: '13611112222',
      communityCode: org.communityA,
    });
    expect(byPhone.json()).toEqual({ duplicates: [], elsewhere: true });

    const create = await workerA.client.post('/api/care/clients', {
      name: '随便',
      idNumber,
      communityCode: org.communityA,
      categories: ['other'],
    });
    expect(create.statusCode).toBe(409);
    expect(create.json().fields).toEqual([
      { path: 'elsewhere', code: 'care.record_elsewhere', message: expect.stringContaining('联系主管') },
    ]);
    for (const body of [check.body, byPhone.body, create.body]) {
      expect(body).not.toContain(inB.id);
      expect(body).not.toContain(org.communityB);
      expect(body).not.toContain('乙社区老人');
    }
    const rows = await auditRows(workerA.id, 'client.duplicate_check');
    expect(rows).toHaveLength(3); // the two checks and the refused create; the foreign community is refused before
    expect(rows.some((r) => r.detail?.includes('outside the caller'))).toBe(true);
  });

  it('a minor hidden from the caller is reported the same way', async () => {
    const org = await buildOrg(t.app.ctx);
    const supervisor = await login('community_supervisor', org.communityA);
    const idNumber = makeIdNumber('2016-06-06');
    const child = await createClient(supervisor.client, org.communityA, {
      name: '小朋友',
      idNumber,
      categories: ['child_in_difficulty'],
    });
    const worker = await login('community_worker', org.communityA);
    const check = await worker.client.postAs(DuplicateWarnings, '/api/care/clients/duplicates', {
      name: '小朋友',
      idNumber,
      communityCode: org.communityA,
    });
    expect(check).toEqual({ duplicates: [], elsewhere: true });
    // The supervisor, who may see the child, gets the match itself.
    const seen = await supervisor.client.postAs(DuplicateWarnings, '/api/care/clients/duplicates', {
      name: '小朋友',
      idNumber,
      communityCode: org.communityA,
    });
    expect(seen.duplicates.map((d) => d.clientId)).toEqual([child.id]);
  });
});

describe('F4: masking cannot be undone without the reveal permission', () => {
  it('shows the birth year only to those who may not reveal, and a mask that hides the sequence digits', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = await login('community_worker', org.communityA);
    const idNumber = makeIdNumber('1939-09-19');
    const created = await createClient(worker.client, org.communityA, { gridCode: org.gridsA[0], idNumber });
    const grid = await login('grid_worker', org.gridsA[0]!);
    const seenByGrid = await grid.client.getAs(ClientDetail, `/api/care/clients/${created.id}`);
    expect(seenByGrid).toMatchObject({ birthDate: null, birthYear: 1939 });
    expect(seenByGrid.idNumberMasked).toBe(`${idNumber.slice(0, 3)}${'*'.repeat(14)}${idNumber.slice(-1)}`);
    // The sequence digits appear nowhere; ids, area codes, dates, the age and the birth year are taken out first,
    // since random ones may hold the same three digits by chance.
    const shown = JSON.stringify(seenByGrid)
      .replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, '')
      .replace(/"\d{12,15}"/g, '""')
      .replace(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?/g, '')
      .replace(/"(age|birthYear)":\d+/g, '');
    expect(shown).toContain('idNumberMasked');
    expect(shown).not.toContain(idNumber.slice(14, 17));
    const seenByWorker = await worker.client.getAs(ClientDetail, `/api/care/clients/${created.id}`);
    expect(seenByWorker.birthDate).toBe('1939-09-19');
  });

  it('exact lookup by mobile or ID number needs the reveal permission, and is rationed and audited', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = await login('community_worker', org.communityA);
    await createClient(worker.client, org.communityA, { gridCode: org.gridsA[0], phone: '13700001111' });
    const grid = await login('grid_worker', org.gridsA[0]!);
    expectError(await grid.client.get('/api/care/clients?q=13700001111'), 403, 'care.exact_lookup_forbidden');
    // Name searches are not limited.
    for (let i = 0; i < LOOKUPS_PER_HOUR + 2; i++)
      expect((await grid.client.getAs(ClientList, `/api/care/clients?q=${encodeURIComponent('测试')}`)).total).toBe(1);

    const searcher = await login('community_worker', org.communityA);
    for (let i = 0; i < LOOKUPS_PER_HOUR; i++) {
      const res = await searcher.client.get(`/api/care/clients?q=137000011${String(i).padStart(2, '0')}`);
      expect(res.statusCode).toBe(200);
    }
    expectError(await searcher.client.get('/api/care/clients?q=13700001111'), 429, 'care.exact_lookup_limited');
    // Duplicate checks by number draw on the same budget.
    expectError(
      await searcher.client.post('/api/care/clients/duplicates', {
        name: '某人',
        phone: '13700001111',
        communityCode: org.communityA,
      }),
      429,
    );
    const rows = await auditRows(searcher.id, 'client.lookup_exact');
    expect(rows.filter((r) => r.result === 'success')).toHaveLength(LOOKUPS_PER_HOUR);
    expect(rows.filter((r) => r.result === 'denied')).toHaveLength(2);
    expect(rows.every((r) => !JSON.stringify(r).includes('1370000'))).toBe(true);
    // The budget is per hour.
    t.clock.advance(3601_000);
    const again = await login('community_worker', org.communityA);
    expect((await again.client.getAs(ClientList, '/api/care/clients?q=13700001111')).total).toBe(1);
  });
});
