import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Open311Key, Open311KeyCreated, Open311KeyList } from '@linli/contracts/modules/open311';
import { auditLog } from '../../platform/audit.tables';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { parseAs, signedIn, useTestApp } from '../../../test/harness';
import { open311ApiKeys } from './open311.tables';
import { geoSetup, postForm } from './open311.test-kit';

const t = useTestApp();
let org: TestOrg;
beforeAll(async () => {
  org = await buildOrg(t.app.ctx);
});

describe('open311 API keys', () => {
  it('a system administrator issues a key (shown once, stored as a hash), lists and revokes it; all audited', async () => {
    const { client: admin, id: adminId } = await signedIn(t, ['system_admin'], [org.district]);
    const created = parseAs(
      Open311KeyCreated,
      await admin.post('/api/open311/keys', { areaCode: org.streetA, name: '12345 平台' }),
    );
    expect(created.apiKey).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
    expect(created.key).toMatchObject({
      areaCode: org.streetA,
      rateLimitPerMinute: 30,
      revokedAt: null,
      prefix: created.apiKey.slice(0, 12),
    });
    const [row] = await t.app.ctx.db.select().from(open311ApiKeys).where(eq(open311ApiKeys.id, created.key.id));
    expect(JSON.stringify(row)).not.toContain(created.apiKey);
    const listRes = await admin.get('/api/open311/keys');
    expect(listRes.body).not.toContain(created.apiKey);
    expect(parseAs(Open311KeyList, listRes).items.map((k) => k.id)).toContain(created.key.id);
    const revoked = parseAs(Open311Key, await admin.post(`/api/open311/keys/${created.key.id}/revoke`));
    expect(revoked.revokedAt).not.toBeNull();
    expect((await admin.post(`/api/open311/keys/${created.key.id}/revoke`)).statusCode).toBe(409);
    expect(
      parseAs(Open311KeyList, await admin.get('/api/open311/keys?revoked=false')).items.map((k) => k.id),
    ).not.toContain(created.key.id);
    await t.app.ctx.auditWriter.flush();
    const actions = (await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, adminId))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['open311.key_create', 'open311.key_revoke']));
  });

  it('only a system administrator of the area manages keys', async () => {
    const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
    expect((await worker.get('/api/open311/keys')).statusCode).toBe(403);
    expect((await worker.post('/api/open311/keys', { areaCode: org.communityA, name: 'x' })).statusCode).toBe(403);
    const other = await buildOrg(t.app.ctx);
    const { client: elsewhere } = await signedIn(t, ['system_admin'], [other.district]);
    expect((await elsewhere.post('/api/open311/keys', { areaCode: org.communityA, name: 'x' })).statusCode).toBe(404);
    const { client: admin } = await signedIn(t, ['system_admin'], [org.district]);
    const created = parseAs(
      Open311KeyCreated,
      await admin.post('/api/open311/keys', { areaCode: org.communityA, name: 'y' }),
    );
    expect((await elsewhere.post(`/api/open311/keys/${created.key.id}/revoke`)).statusCode).toBe(404);
    expect(parseAs(Open311KeyList, await elsewhere.get('/api/open311/keys')).items).toEqual([]);
  });

  it('each use of POST is audited under the key, and refusals too; last_used_at is kept', async () => {
    const local = await buildOrg(t.app.ctx);
    const s = await geoSetup(t, local);
    const created = parseAs(
      Open311KeyCreated,
      await s.admin.post('/api/open311/keys', { areaCode: local.communityA, name: '网格平台' }),
    );
    const ok = await postForm(t, '/open311/v2/requests.json', {
      api_key: created.apiKey,
      service_code: 'NOISE',
      description: '广场舞音响太大',
      address_string: '中心广场',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (await postForm(t, '/open311/v2/requests.json', { api_key: `${created.apiKey}x`, service_code: 'NOISE' }))
        .statusCode,
    ).toBe(403);
    await t.app.ctx.auditWriter.flush();
    const used = await t.app.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'open311.request_post'), eq(auditLog.actorName, `open311:${created.key.prefix}`)));
    expect(used).toHaveLength(1);
    const refused = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'open311.key_use'));
    expect(refused.some((r) => r.result === 'denied')).toBe(true);
    const [row] = await t.app.ctx.db.select().from(open311ApiKeys).where(eq(open311ApiKeys.id, created.key.id));
    expect(row!.lastUsedAt).not.toBeNull();
  });
});
