import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GeoErrorList,
  GeoPostResult,
  GeoRequestList,
  GeoServiceDefinition,
  GeoServiceList,
  GeoTokenResult,
} from '@linli/contracts/modules/open311';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { useTestApp } from '../../../test/harness';
import { requests } from '../requests';
import { type GeoSetup, geoSetup, get, issueKey, postForm } from './open311.test-kit';

const t = useTestApp();
let org: TestOrg;
let s: GeoSetup;
let j: string; // ?jurisdiction_id=… (the test database holds several districts)

beforeAll(async () => {
  org = await buildOrg(t.app.ctx);
  await buildOrg(t.app.ctx); // a second district: calls without jurisdiction_id are then ambiguous
  s = await geoSetup(t, org);
  j = `jurisdiction_id=${org.district}`;
});

const roadForm = (apiKey: string, extra: Record<string, string | string[]> = {}) => ({
  api_key: apiKey,
  service_code: 'ROAD',
  description: '3号楼门口的路面有个大坑，下雨积水',
  'attribute[depth]': 'deep',
  ...extra,
});

function expectErrors(
  res: { statusCode: number; body: string; json(): unknown; headers: Record<string, unknown> },
  status: number,
  format: 'json' | 'xml',
) {
  expect(res.statusCode, res.body).toBe(status);
  if (format === 'json') {
    const list = GeoErrorList.parse(res.json());
    expect(list[0]!.code).toBe(status);
    return list[0]!.description;
  }
  expect(String(res.headers['content-type'])).toContain('text/xml');
  expect(res.body).toMatch(
    new RegExp(
      `^<\\?xml[^>]*>\\n<errors><error><code>${status}</code><description>[^<]+</description></error></errors>$`,
    ),
  );
  return res.body;
}

describe('services', () => {
  it('lists the district’s active categories in JSON and XML, with metadata when questions exist', async () => {
    const list = GeoServiceList.parse((await get(t, `/open311/v2/services.json?${j}`)).json());
    expect(list.map((x) => x.service_code).sort()).toEqual(['NOISE', 'ROAD']);
    const road = list.find((x) => x.service_code === 'ROAD')!;
    expect(road).toMatchObject({
      metadata: true,
      type: 'realtime',
      group: '市政设施',
      service_name: '道路破损 <坑洼> & 积水',
    });
    expect(list.find((x) => x.service_code === 'NOISE')!.metadata).toBe(false);
    const xml = await get(t, `/open311/v2/services.xml?${j}`);
    expect(xml.statusCode).toBe(200);
    expect(String(xml.headers['content-type'])).toContain('text/xml');
    expect(xml.body).toContain('<services><service><service_code>');
    // The escaper: markup characters in a name never break the document.
    expect(xml.body).toContain('<service_name>道路破损 &lt;坑洼&gt; &amp; 积水</service_name>');
    expect(xml.body).toContain('<metadata>true</metadata>');
  });

  it('a key’s own district is used when the call carries api_key; without jurisdiction_id several districts are 400', async () => {
    const { apiKey } = await issueKey(s.admin, org.streetA);
    const list = GeoServiceList.parse((await get(t, `/open311/v2/services.json?api_key=${apiKey}`)).json());
    expect(list).toHaveLength(2);
    expect(expectErrors(await get(t, '/open311/v2/services.json'), 400, 'json')).toContain('jurisdiction_id');
    expectErrors(await get(t, '/open311/v2/services.xml?jurisdiction_id=999999000000'), 404, 'xml');
  });

  it('defines a service’s attributes from its questions, in both formats; an unknown code is 404', async () => {
    const def = GeoServiceDefinition.parse((await get(t, `/open311/v2/services/ROAD.json?${j}`)).json());
    expect(def.service_code).toBe('ROAD');
    expect(def.attributes[0]).toMatchObject({
      variable: true,
      code: 'depth',
      datatype: 'singlevaluelist',
      required: true,
      order: 1,
      description: '坑有多深',
      values: [
        { key: 'shallow', name: '浅' },
        { key: 'deep', name: '深' },
      ],
    });
    expect(def.attributes[1]).toMatchObject({
      code: 'note',
      datatype: 'string',
      required: false,
      order: 2,
      values: [],
    });
    const xml = await get(t, `/open311/v2/services/ROAD.xml?${j}`);
    expect(xml.body).toContain(
      '<service_definition><service_code>ROAD</service_code><attributes><attribute><variable>true</variable><code>depth</code>',
    );
    expect(xml.body).toContain('<values><value><key>shallow</key><name>浅</name></value>');
    expectErrors(await get(t, `/open311/v2/services/NOPE.json?${j}`), 404, 'json');
    expectErrors(await get(t, `/open311/v2/services/NOPE.xml?${j}`), 404, 'xml');
    expectErrors(await get(t, `/open311/v2/services/ROAD.html?${j}`), 404, 'json');
  });
});

describe('POST requests', () => {
  it('needs a valid, unrevoked api_key (403 in the standard’s error list)', async () => {
    expect(expectErrors(await postForm(t, '/open311/v2/requests.json', { service_code: 'ROAD' }), 403, 'json')).toBe(
      'api_key is required',
    );
    expectErrors(await postForm(t, '/open311/v2/requests.xml', roadForm('o311_wrong')), 403, 'xml');
    const { key, apiKey } = await issueKey(s.admin, org.streetA);
    expect((await s.admin.post(`/api/open311/keys/${key.id}/revoke`)).statusCode).toBe(200);
    expectErrors(
      await postForm(t, '/open311/v2/requests.json', roadForm(apiKey, { address_id: s.placeA })),
      403,
      'json',
    );
  });

  it('files a request that GET then shows, with its status and, once routed, the deadline and the unit', async () => {
    const { apiKey } = await issueKey(s.admin, org.streetA);
    const res = await postForm(
      t,
      '/open311/v2/requests.json',
      roadForm(apiKey, { address_id: s.placeA, 'attribute[note]': '晚上看不清' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const [filed] = GeoPostResult.parse(res.json());
    expect(filed!.service_request_id).toMatch(/^SQ\d{12}$/);
    expect(filed!.service_notice).toContain('5');
    const one = GeoRequestList.parse(
      (await get(t, `/open311/v2/requests/${filed!.service_request_id}.json?${j}`)).json(),
    );
    expect(one[0]).toMatchObject({
      service_request_id: filed!.service_request_id,
      status: 'open',
      service_code: 'ROAD',
      expected_datetime: null,
      address: '一号社区',
      lat: null,
      long: null,
    });
    expect(one[0]!.status_notes).toContain('待分拣');
    const [row] = await t.app.ctx.db.select().from(requests).where(eq(requests.number, filed!.service_request_id));
    expect(row).toMatchObject({
      channel: 'open311',
      areaCode: org.communityA,
      placeId: s.placeA,
      open311Token: filed!.token,
    });
    expect(row!.attributes).toEqual({ depth: 'deep', note: '晚上看不清' });
    // Triage routes it (to the community by default): the deadline and the unit appear.
    const routed = await s.worker.post(`/api/requests/${row!.id}/route`, {});
    expect(routed.statusCode, routed.body).toBe(200);
    const after = GeoRequestList.parse(
      (await get(t, `/open311/v2/requests/${filed!.service_request_id}.json?${j}`)).json(),
    )[0]!;
    expect(after.status).toBe('open');
    expect(after.status_notes).toContain('已派单');
    expect(after.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(after.agency_responsible).toBeTruthy();
    const xml = await get(t, `/open311/v2/requests/${filed!.service_request_id}.xml?${j}`);
    expect(xml.body).toContain(
      `<service_requests><request><service_request_id>${filed!.service_request_id}</service_request_id><status>open</status>`,
    );
    expect(xml.body).toContain(`<expected_datetime>${after.expected_datetime}</expected_datetime>`);
    // The token leads to the request.
    expect(GeoTokenResult.parse((await get(t, `/open311/v2/tokens/${filed!.token}.json?${j}`)).json())).toEqual([
      { token: filed!.token, service_request_id: filed!.service_request_id },
    ]);
    expect((await get(t, `/open311/v2/tokens/${filed!.token}.xml?${j}`)).body).toContain(
      `<token>${filed!.token}</token>`,
    );
    expectErrors(await get(t, `/open311/v2/tokens/nope.xml?${j}`), 404, 'xml');
    expectErrors(await get(t, `/open311/v2/requests/SQ000.json?${j}`), 404, 'json');
  });

  it('answers in XML when asked, and places a point at the nearest place of the key’s area', async () => {
    const { apiKey } = await issueKey(s.admin, org.district);
    const res = await postForm(t, '/open311/v2/requests.xml', roadForm(apiKey, { lat: '30.70001', long: '104.10002' }));
    expect(res.statusCode, res.body).toBe(200);
    const number = /<service_request_id>(SQ\d+)<\/service_request_id>/.exec(res.body)![1]!;
    expect(res.body).toMatch(
      /^<\?xml[^>]*>\n<service_requests><request><service_request_id>SQ\d+<\/service_request_id><token>[^<]+<\/token>/,
    );
    const [row] = await t.app.ctx.db.select().from(requests).where(eq(requests.number, number));
    expect(row).toMatchObject({ areaCode: org.communityC, placeId: s.placeC });
  });

  it('a key of one street cannot file in another street’s community; unplaceable locations are 400', async () => {
    const { apiKey } = await issueKey(s.admin, org.streetA);
    expect(
      expectErrors(
        await postForm(t, '/open311/v2/requests.json', roadForm(apiKey, { address_id: s.placeC })),
        400,
        'json',
      ),
    ).toContain('address_id');
    expectErrors(
      await postForm(t, '/open311/v2/requests.xml', roadForm(apiKey, { lat: '30.7', long: '104.1' })),
      400,
      'xml',
    );
    expectErrors(
      await postForm(t, '/open311/v2/requests.json', roadForm(apiKey, { address_string: '某路 1 号' })),
      400,
      'json',
    );
    expectErrors(await postForm(t, '/open311/v2/requests.json', roadForm(apiKey)), 400, 'json');
    // A community's own key files there from an address string alone.
    const own = await issueKey(s.admin, org.communityA);
    expect(
      (await postForm(t, '/open311/v2/requests.json', roadForm(own.apiKey, { address_string: '3号楼东侧' })))
        .statusCode,
    ).toBe(200);
    expectErrors(
      await postForm(t, '/open311/v2/requests.json', roadForm(own.apiKey, { address_id: s.placeC })),
      400,
      'json',
    );
  });

  it('checks the attributes against the service’s questions and the other fields', async () => {
    const { apiKey } = await issueKey(s.admin, org.communityA);
    const base = { address_id: s.placeA };
    const missing = roadForm(apiKey, base) as Record<string, string>;
    delete missing['attribute[depth]'];
    expect(expectErrors(await postForm(t, '/open311/v2/requests.json', missing), 400, 'json')).toContain(
      'attribute[depth]',
    );
    expect(
      expectErrors(
        await postForm(t, '/open311/v2/requests.json', roadForm(apiKey, { ...base, 'attribute[depth]': 'bottomless' })),
        400,
        'json',
      ),
    ).toContain('attribute[depth]');
    expect(
      expectErrors(
        await postForm(t, '/open311/v2/requests.json', roadForm(apiKey, { ...base, service_code: 'NOPE' })),
        400,
        'json',
      ),
    ).toContain('service_code');
    expect(
      expectErrors(
        await postForm(t, '/open311/v2/requests.json', roadForm(apiKey, { ...base, lat: '95', long: '1' })),
        400,
        'json',
      ),
    ).toContain('lat');
    expectErrors(
      await postForm(t, '/open311/v2/requests.xml', roadForm(apiKey, { ...base, description: '' })),
      400,
      'xml',
    );
  });

  it('limits each key per minute (429), counted in the database', async () => {
    const { apiKey } = await issueKey(s.admin, org.communityA, 2);
    const form = { api_key: apiKey, service_code: 'NOISE', description: '夜里施工', address_string: '小区内' };
    expect((await postForm(t, '/open311/v2/requests.json', form)).statusCode).toBe(200);
    expect((await postForm(t, '/open311/v2/requests.json', form)).statusCode).toBe(200);
    expectErrors(await postForm(t, '/open311/v2/requests.json', form), 429, 'json');
    expectErrors(await postForm(t, '/open311/v2/requests.xml', form), 429, 'xml');
    t.clock.advance(61_000);
    expect((await postForm(t, '/open311/v2/requests.json', form)).statusCode).toBe(200);
  });
});

describe('GET requests', () => {
  it('filters by ids, service code, dates and status; never shows the requester’s name or phone', async () => {
    const { apiKey } = await issueKey(s.admin, org.communityA);
    const contact = { first_name: '小明', last_name: '欧阳', phone: '13912345678', email: 'ouyang@example.com' };
    const filed = GeoPostResult.parse(
      (await postForm(t, '/open311/v2/requests.json', roadForm(apiKey, { address_id: s.placeA, ...contact }))).json(),
    )[0]!;
    const other = GeoPostResult.parse(
      (
        await postForm(t, '/open311/v2/requests.json', {
          api_key: apiKey,
          service_code: 'NOISE',
          description: '楼上装修',
          address_string: '2 单元',
        })
      ).json(),
    )[0]!;
    const [row] = await t.app.ctx.db.select().from(requests).where(eq(requests.number, filed.service_request_id));
    expect(row!.requesterNameEnc).toBeTruthy(); // kept, encrypted, for staff
    const ids = `${filed.service_request_id},${other.service_request_id}`;
    const both = GeoRequestList.parse(
      (await get(t, `/open311/v2/requests.json?${j}&service_request_id=${ids}`)).json(),
    );
    expect(both.map((r) => r.service_request_id).sort()).toEqual(
      [filed.service_request_id, other.service_request_id].sort(),
    );
    const noise = GeoRequestList.parse((await get(t, `/open311/v2/requests.json?${j}&service_code=NOISE`)).json());
    expect(noise.every((r) => r.service_code === 'NOISE')).toBe(true);
    expect(noise.map((r) => r.service_request_id)).toContain(other.service_request_id);
    expect(GeoRequestList.parse((await get(t, `/open311/v2/requests.json?${j}&status=closed`)).json())).toEqual([]);
    const open = GeoRequestList.parse((await get(t, `/open311/v2/requests.json?${j}&status=open`)).json());
    expect(open.length).toBeGreaterThanOrEqual(2);
    const later = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    expect(
      GeoRequestList.parse(
        (await get(t, `/open311/v2/requests.json?${j}&start_date=${later}&end_date=${later}`)).json(),
      ),
    ).toEqual([]);
    expect(
      GeoRequestList.parse((await get(t, `/open311/v2/requests.json?${j}&start_date=2026-03-01`)).json()).length,
    ).toBeGreaterThanOrEqual(2);
    expectErrors(await get(t, `/open311/v2/requests.json?${j}&start_date=yesterday`), 400, 'json');
    expectErrors(await get(t, `/open311/v2/requests.json?${j}&end_date=0000-01-01`), 400, 'json');
    expectErrors(await get(t, `/open311/v2/requests.xml?${j}&status=pending`), 400, 'xml');
    // Every public GET, both formats: no contact field, nor the requester's own words.
    const bodies = await Promise.all(
      [
        `/open311/v2/requests.json?${j}`,
        `/open311/v2/requests.xml?${j}`,
        `/open311/v2/requests.json?${j}&service_request_id=${ids}`,
        `/open311/v2/requests.xml?${j}&service_request_id=${ids}`,
        `/open311/v2/requests/${filed.service_request_id}.json?${j}`,
        `/open311/v2/requests/${filed.service_request_id}.xml?${j}`,
        `/open311/v2/tokens/${filed.token}.json?${j}`,
        `/open311/v2/tokens/${filed.token}.xml?${j}`,
      ].map(async (path) => (await get(t, path)).body),
    );
    expect(bodies[1]).toContain(filed.service_request_id);
    for (const body of bodies) {
      for (const secret of ['13912345678', '欧阳', '小明', 'ouyang@example.com', '下雨积水', '1391'])
        expect(body).not.toContain(secret);
    }
  });
});

describe('odd input', () => {
  it('answers the standard’s error list, never a 5xx, for junk in paths, queries and bodies', async () => {
    const { apiKey } = await issueKey(s.admin, org.communityA);
    expectErrors(await get(t, `/open311/v2/requests.json?${j}&service_code=%00`), 400, 'json');
    // (Past 100 characters the router itself refuses a path parameter, before any route: Linli's own error body.)
    expectErrors(await get(t, `/open311/v2/requests/${'9'.repeat(90)}.xml?${j}`), 400, 'xml');
    expectErrors(await get(t, `/open311/v2/services/%F0%9F%98%80.json?${j}`), 404, 'json');
    const text = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'text/plain' },
      payload: 'api_key=x',
    });
    expectErrors(text, 403, 'xml'); // not a form: no api_key in it
    const multipart = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--',
    });
    expectErrors(multipart, 400, 'xml');
    const nul = await postForm(
      t,
      '/open311/v2/requests.json',
      roadForm(apiKey, { address_id: s.placeA, description: 'a\u0000b' }),
    );
    expectErrors(nul, 400, 'json');
    const huge = await postForm(t, '/open311/v2/requests.json', roadForm(apiKey, { description: 'x'.repeat(70_000) }));
    expect([400, 413]).toContain(huge.statusCode);
    GeoErrorList.parse(huge.json());
    // A JSON body is read like the form.
    const json = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { ...roadForm(apiKey), address_id: s.placeA },
    });
    expect(json.statusCode, json.body).toBe(200);
  });
});
