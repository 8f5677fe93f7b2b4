import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { households } from '../src/modules/care/households/households.tables';
import { buildOrg } from './factories/org';
import { signedIn, useTestApp } from './harness';

/**
 * Double submit (care-hardening issue, integrity item 2): an unsafe request with an Idempotency-Key runs once per user
 * and key; a repeat — even at the same instant — gets the first answer.
 */
const t = useTestApp();

async function householdsAt(communityCode: string, address: string) {
  return t.app.ctx.db
    .select()
    .from(households)
    .where(and(eq(households.areaCode, communityCode), eq(households.address, address)));
}

describe('Idempotency-Key', () => {
  it('two identical requests at once with one key make one row and get the same answer', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
    const body = { communityCode: org.communityA, address: '洗面桥街 9 号 1 单元 101' };
    const key = 'test-key-0001-same';
    const [a, b] = await Promise.all([
      client.request('POST', '/api/care/households', body, { 'idempotency-key': key }),
      client.request('POST', '/api/care/households', body, { 'idempotency-key': key }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    expect(await householdsAt(org.communityA, body.address)).toHaveLength(1);
    // Later, the same key again: the first answer, nothing new.
    const again = await client.request('POST', '/api/care/households', body, { 'idempotency-key': key });
    expect(again.json()).toEqual(a.json());
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    expect(await householdsAt(org.communityA, body.address)).toHaveLength(1);
  });

  it('refuses a key reused for another request, keeps keys per user, and forgets them after a day', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
    const { client: colleague } = await signedIn(t, ['community_worker'], [org.communityA]);
    const key = 'test-key-0002-reuse';
    const first = { communityCode: org.communityA, address: '一号院 1 栋' };
    expect((await client.request('POST', '/api/care/households', first, { 'idempotency-key': key })).statusCode).toBe(
      200,
    );
    const other = await client.request(
      'POST',
      '/api/care/households',
      { ...first, address: '二号院 2 栋' },
      { 'idempotency-key': key },
    );
    expect([other.statusCode, other.json().code]).toEqual([422, 'common.idempotency_mismatch']);
    // The same key from someone else is theirs: it runs.
    expect(
      (await colleague.request('POST', '/api/care/households', first, { 'idempotency-key': key })).statusCode,
    ).toBe(200);
    expect(await householdsAt(org.communityA, first.address)).toHaveLength(2);
    // Without a key, every request runs (as before).
    await client.post('/api/care/households', { ...first, address: '三号院' });
    await client.post('/api/care/households', { ...first, address: '三号院' });
    expect(await householdsAt(org.communityA, '三号院')).toHaveLength(2);
    // After a day the key is forgotten: the same request runs again.
    t.clock.advance(25 * 3600_000);
    const { client: next } = await signedIn(t, ['community_worker'], [org.communityA]);
    expect((await next.request('POST', '/api/care/households', first, { 'idempotency-key': key })).statusCode).toBe(
      200,
    );
    expect(
      (await client.relogin(), await client.request('POST', '/api/care/households', first, { 'idempotency-key': key }))
        .headers['idempotent-replayed'],
    ).toBeUndefined();
    expect(await householdsAt(org.communityA, first.address)).toHaveLength(4);
    // A malformed key is refused before anything runs.
    const bad = await client.request('POST', '/api/care/households', first, { 'idempotency-key': 'x' });
    expect(bad.statusCode).toBe(400);
  });
});
