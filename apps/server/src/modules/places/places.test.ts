import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Place, PlaceList } from '@linli/contracts/modules/places';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { createTestApp, signedIn, type TestApp } from '../../../test/harness';
import { findPlaceInCommunity, nearestPlace } from './places.lookup';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp({ dataDir: mkdtempSync(path.join(tmpdir(), 'linli-places-')) });
  org = await buildOrg(t.app.ctx);
});
afterAll(() => t.close());

describe('community places', () => {
  it('a worker adds, edits and deactivates a place; a resident lists the active places of their own community only', async () => {
    const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
    const made = Place.parse(
      (
        await worker.post('/api/places', {
          communityCode: org.communityA,
          name: '3号楼',
          kind: 'building',
          address: '洗面桥街 3 号',
          lat: 30.6512,
          long: 104.0431,
        })
      ).json(),
    );
    expect(made).toMatchObject({
      communityCode: org.communityA,
      name: '3号楼',
      lat: 30.6512,
      active: true,
      version: 1,
    });
    expect(made.allowedActions).toEqual(['update', 'deactivate']);
    const gate = Place.parse(
      (await worker.post('/api/places', { communityCode: org.communityA, name: '东门', kind: 'gate' })).json(),
    );
    // The same active name twice in one community is refused.
    const twice = await worker.post('/api/places', { communityCode: org.communityA, name: '东门', kind: 'gate' });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'places.name_taken']);

    const edited = Place.parse(
      (
        await worker.patch(`/api/places/${gate.id}`, { version: 1, name: '东大门', positionX: 90, positionY: 50 })
      ).json(),
    );
    expect(edited).toMatchObject({ name: '东大门', positionX: 90, version: 2 });
    // A stale version is a conflict, not a silent overwrite.
    expect((await worker.patch(`/api/places/${gate.id}`, { version: 1, name: 'x' })).statusCode).toBe(409);
    const off = Place.parse((await worker.patch(`/api/places/${gate.id}`, { version: 2, active: false })).json());
    expect(off.allowedActions).toEqual(['update', 'activate']);

    const resident = await signedIn(t, ['resident'], [org.communityA]);
    const seen = PlaceList.parse((await resident.client.get('/api/places')).json());
    expect(seen.items.map((p) => p.name)).toEqual(['3号楼']);
    expect(seen.items[0]!.allowedActions).toEqual([]);
    // includeInactive is for staff: a resident still gets the active list.
    const asked = PlaceList.parse(
      (await resident.client.get(`/api/places?communityCode=${org.communityA}&includeInactive=true`)).json(),
    );
    expect(asked.items.map((p) => p.name)).toEqual(['3号楼']);
    expect((await resident.client.get(`/api/places/${gate.id}`)).statusCode).toBe(404);
    // Another community's list, and the resident's attempt to add a place: 404 (an external account learns nothing).
    expect((await resident.client.get(`/api/places?communityCode=${org.communityB}`)).statusCode).toBe(404);
    expect(
      (await resident.client.post('/api/places', { communityCode: org.communityA, name: 'x', kind: 'other' }))
        .statusCode,
    ).toBe(404);

    const staffAll = PlaceList.parse(
      (await worker.get(`/api/places?communityCode=${org.communityA}&includeInactive=true`)).json(),
    );
    expect(staffAll.items.map((p) => p.name).sort()).toEqual(['3号楼', '东大门']);
  });

  it('keeps communities apart: staff of B neither see nor change A’s places, and cannot add to A', async () => {
    const { client: a } = await signedIn(t, ['community_worker'], [org.communityA]);
    const place = Place.parse(
      (await a.post('/api/places', { communityCode: org.communityA, name: '活动中心', kind: 'hall' })).json(),
    );
    const { client: b } = await signedIn(t, ['community_worker'], [org.communityB]);
    expect((await b.get(`/api/places/${place.id}`)).statusCode).toBe(404);
    expect((await b.patch(`/api/places/${place.id}`, { version: 1, name: '改' })).statusCode).toBe(404);
    expect((await b.get(`/api/places?communityCode=${org.communityA}`)).statusCode).toBe(404);
    expect((await b.post('/api/places', { communityCode: org.communityA, name: 'x', kind: 'other' })).statusCode).toBe(
      404,
    );
    // A grid worker of A manages A's list; a street officer reads it but may not change it.
    const { client: grid } = await signedIn(t, ['grid_worker'], [org.gridsA[0]!]);
    expect(PlaceList.parse((await grid.get('/api/places')).json()).items.some((p) => p.id === place.id)).toBe(true);
    expect((await grid.patch(`/api/places/${place.id}`, { version: 1, address: '一号路' })).statusCode).toBe(200);
    const { client: street } = await signedIn(t, ['street_officer'], [org.streetA]);
    expect((await street.get(`/api/places?communityCode=${org.communityA}`)).statusCode).toBe(200);
    expect((await street.patch(`/api/places/${place.id}`, { version: 2, address: 'x' })).statusCode).toBe(403);
  });

  it('looks a place up in its community, and finds the nearest one to a point', async () => {
    const { client } = await signedIn(t, ['community_supervisor'], [org.communityC]);
    const mk = async (name: string, lat: number, long: number) =>
      Place.parse(
        (await client.post('/api/places', { communityCode: org.communityC, name, kind: 'building', lat, long })).json(),
      );
    const one = await mk('1号楼', 30.65, 104.04);
    const two = await mk('2号楼', 30.651, 104.041); // ~145 m north-east of 1号楼
    const db = t.app.ctx.db;
    expect(await findPlaceInCommunity(db, org.communityC, one.id)).toMatchObject({
      id: one.id,
      name: '1号楼',
      lat: 30.65,
    });
    expect(await findPlaceInCommunity(db, org.communityA, one.id)).toBeNull();
    expect(await findPlaceInCommunity(db, org.communityC, 'not-a-uuid')).toBeNull();
    expect(await nearestPlace(db, org.communityC, 30.6509, 104.0409)).toEqual({ id: two.id, name: '2号楼' });
    expect(await nearestPlace(db, org.communityC, 30.6501, 104.0401)).toEqual({ id: one.id, name: '1号楼' });
    expect(await nearestPlace(db, org.communityC, 31, 105)).toBeNull(); // kilometres away: no nearest building
  });
});
