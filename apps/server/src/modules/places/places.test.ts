import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacesItem, PlacesItemList } from '@linli/contracts/modules/places';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { createTestApp, signedIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.app.ctx);
});
afterAll(() => t.close());

describe('places', () => {
  it('a worker creates an item in their community and lists it; another community sees nothing of it', async () => {
    const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
    const created = PlacesItem.parse((await client.post('/api/places/items', { areaCode: org.communityA, title: '第一项' })).json());
    expect(created).toMatchObject({ areaCode: org.communityA, title: '第一项', allowedActions: ['update'] });
    const list = PlacesItemList.parse((await client.get('/api/places/items')).json());
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
    const { client: other } = await signedIn(t, ['community_worker'], [org.communityB]);
    expect((await other.get(`/api/places/items/${created.id}`)).statusCode).toBe(404);
    expect(PlacesItemList.parse((await other.get('/api/places/items')).json()).total).toBe(0);
    expect((await other.post('/api/places/items', { areaCode: org.communityA, title: 'x' })).statusCode).toBe(404);
  });
});
