// Test helpers of the open311 module (used by its *.test.ts only): a catalogue, places and keys to file against.
import type { TestOrg } from '../../../test/factories/org';
import { signedIn, type TestApp, type TestClient } from '../../../test/harness';

export interface GeoSetup {
  admin: TestClient;
  worker: TestClient;
  placeA: string;
  placeC: string;
}

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, what: string): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/**
 * Two categories in the district (ROAD asks two questions, one of them a required list; NOISE none), a place with
 * coordinates in community A (street A) and one in community C (street B), and a system administrator.
 */
export async function geoSetup(t: TestApp, org: TestOrg): Promise<GeoSetup> {
  const officer = (await signedIn(t, ['district_officer'], [org.district])).client;
  await ok(
    await officer.post('/api/requests/catalogue/categories', {
      areaCode: org.district,
      code: 'ROAD',
      group: '市政设施',
      name: '道路破损 <坑洼> & 积水',
      description: '路面坑洼、井盖缺失',
      questions: [
        {
          code: 'depth',
          label: '坑有多深',
          datatype: 'singlevaluelist',
          required: true,
          values: [
            { key: 'shallow', name: '浅' },
            { key: 'deep', name: '深' },
          ],
        },
        { code: 'note', label: '补充说明', datatype: 'string', required: false },
      ],
      defaultUrgency: 'normal',
      signWorkingDays: 1,
      resolveWorkingDays: 5,
    }),
    'category ROAD',
  );
  await ok(
    await officer.post('/api/requests/catalogue/categories', {
      areaCode: org.district,
      code: 'NOISE',
      group: '环境',
      name: '噪音扰民',
      questions: [],
      defaultUrgency: 'normal',
      signWorkingDays: 1,
      resolveWorkingDays: 3,
    }),
    'category NOISE',
  );
  return placesAndAdmin(t, org);
}

async function placesAndAdmin(t: TestApp, org: TestOrg): Promise<GeoSetup> {
  const worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
  const workerC = (await signedIn(t, ['community_worker'], [org.communityC])).client;
  const placeA = await ok<{ id: string }>(
    await worker.post('/api/places', {
      communityCode: org.communityA,
      name: '3号楼',
      kind: 'building',
      lat: 30.66,
      long: 104.06,
    }),
    'place A',
  );
  const placeC = await ok<{ id: string }>(
    await workerC.post('/api/places', {
      communityCode: org.communityC,
      name: '东门',
      kind: 'gate',
      lat: 30.7,
      long: 104.1,
    }),
    'place C',
  );
  const admin = (await signedIn(t, ['system_admin'], [org.district])).client;
  return { admin, worker, placeA: placeA.id, placeC: placeC.id };
}

export async function issueKey(admin: TestClient, areaCode: string, rateLimitPerMinute = 60) {
  return ok<{ key: { id: string; prefix: string }; apiKey: string }>(
    await admin.post('/api/open311/keys', { areaCode, name: '12345 市民服务平台', rateLimitPerMinute }),
    'issue key',
  );
}

/** A form-encoded POST, as Open311 clients send it. */
export function postForm(t: TestApp, path: string, fields: Record<string, string | string[]>) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
}

export function get(t: TestApp, path: string) {
  return t.app.inject({ method: 'GET', url: path });
}
