import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WishesItem, WishesItemList } from '@linli/contracts/modules/wishes';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { createTestApp, signedIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.app.ctx);
});
afterAll(() => t.close());

describe('wishes', () => {
  it('a worker creates an item in their community and lists it; another community sees nothing of it', async () => {
    const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
    const created = WishesItem.parse((await client.post('/api/wishes/items', { areaCode: org.communityA, title: '第一项' })).json());
    expect(created).toMatchObject({ areaCode: org.communityA, title: '第一项', allowedActions: ['update'] });
    const list = WishesItemList.parse((await client.get('/api/wishes/items')).json());
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
    const { client: other } = await signedIn(t, ['community_worker'], [org.communityB]);
    expect((await other.get(`/api/wishes/items/${created.id}`)).statusCode).toBe(404);
    expect(WishesItemList.parse((await other.get('/api/wishes/items')).json()).total).toBe(0);
    expect((await other.post('/api/wishes/items', { areaCode: org.communityA, title: 'x' })).statusCode).toBe(404);
  });
});
