import { beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, type TestOrg } from './factories/org';
import { signedIn, TestClient, useTestApp } from './harness';
import { routeKey } from './route-samples';

/**
 * F1: protection is decided from the matched route, so every way of spelling a path that the router still matches
 * must be refused exactly like the plain spelling. Generated from the route table: a route added later is covered.
 */
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
let org: TestOrg; // only its codes are used: the district is never changed
beforeAll(async () => {
  org = await buildOrg(t.app.ctx);
});

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

function fill(url: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => (name === 'code' ? org.communityA : SAMPLE_ID));
}

const hex = (c: string, upper: boolean) => {
  const h = Buffer.from(c, 'utf8')
    .toString('hex')
    .match(/../g)!
    .map((b) => `%${b}`)
    .join('');
  return upper ? h.toUpperCase() : h;
};

/** Spellings of `path`: each character percent-encoded alone (lower- and upper-case hex), all of them encoded, and
 *  the forms routers differ on (double and trailing slashes, dot segments, case, `;` parameters, encoded slashes). */
export function spellings(path: string): { path: string; decodes: boolean }[] {
  const out: { path: string; decodes: boolean }[] = [];
  const chars = [...path];
  chars.forEach((c, i) => {
    if (c === '/') return;
    for (const upper of [false, true])
      out.push({ path: chars.map((d, j) => (j === i ? hex(d, upper) : d)).join(''), decodes: true });
  });
  out.push({ path: chars.map((d) => (d === '/' ? d : hex(d, false))).join(''), decodes: true });
  out.push({ path: chars.map((d) => (d === '/' ? d : hex(d, true))).join(''), decodes: true });
  out.push(
    { path: path.replace('/', '//'), decodes: false },
    { path: `${path}/`, decodes: false },
    { path: path.replace(/\/api\//, '/api/./'), decodes: false },
    { path: path.replace(/\/api\//, '/x/../api/'), decodes: false },
    { path: path.toUpperCase(), decodes: false },
    { path: `${path};x=1`, decodes: false },
    { path: path.replace(/\/api\//, '/api%2F'), decodes: false },
    { path: path.replace(/\/api\//, '/api%2f'), decodes: false },
    { path: path.replace(/^\/api/, '/%2561pi'), decodes: false },
    { path: path.replace(/^\/api/, '/%C1%A1pi'), decodes: false },
    { path: `${path}?x=1#f`, decodes: true },
  );
  return out;
}

describe('F1: every spelling of every protected route is refused without a session', () => {
  it('answers 401 (or, when the router matches nothing, a JSON 404) with no-store, for every route', async () => {
    const anonymous = new TestClient(t.app);
    let refused = 0;
    for (const route of t.app.routeTable) {
      if (route.config.public) continue;
      for (const variant of spellings(fill(route.url))) {
        const res = await anonymous.request(
          route.method as 'GET',
          variant.path,
          route.method === 'GET' ? undefined : {},
        );
        const where = `${routeKey(route.method, route.url)} as ${variant.path}`;
        expect(res.headers['cache-control'], where).toBe('no-store');
        if (variant.decodes) {
          // The router decodes these to the plain path: they reach the route, and must be refused like it.
          expect(res.statusCode, where).toBe(401);
          refused++;
        } else {
          expect([400, 401, 404], where).toContain(res.statusCode);
          if (res.statusCode === 401) refused++;
          else expect(res.json().code, where).toMatch(/^common\.(not_found|validation_failed)$/);
        }
      }
    }
    // Which odd spellings the router still matches is the router's business: a floor of ten per route, not a count.
    expect(refused).toBeGreaterThan(t.app.routeTable.length * 10);
    // ~16 spellings of each of 300+ routes: over 5,000 requests, ~20 s alone and more on a loaded 2-core machine.
  }, 180_000);

  it('checks CSRF and the route permission on the decoded route too', async () => {
    const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
    // A permission the worker lacks, spelled so that a URL-text test would miss it.
    for (const path of ['/%61pi/audit', '/api/%61udit', '/%41%50%49/audit'.replace('%41%50%49', '%61%70%69')]) {
      expect((await worker.get(path)).statusCode, path).toBe(403);
    }
    // An unsafe request without the CSRF token, on every unsafe route, spelled with an encoded first letter.
    const noCsrf = new TestClient(t.app);
    noCsrf.cookie = worker.cookie;
    for (const route of t.app.routeTable) {
      if (route.config.public || route.method === 'GET') continue;
      const path = fill(route.url).replace(/^\/a/, '/%61');
      const res = await noCsrf.request(route.method as 'POST', path, {});
      expect(res.statusCode, `${route.method} ${path}`).toBe(403);
      expect(res.json().code).toBe('common.csrf_failed');
    }
  });

  it('a route is protected unless its config says public: only login steps, config, health, the spec and the /m sign-up steps are', () => {
    const open = t.app.routeTable
      .filter((r) => r.config.public)
      .map((r) => routeKey(r.method, r.url))
      .sort();
    expect(open).toEqual([
      'GET /api/auth/config',
      'GET /api/auth/current',
      'GET /api/health',
      'GET /api/m/communities',
      'GET /api/openapi.json',
      // The service certificate's verification page (docs/hours.md): anyone holding the code may check it.
      'GET /api/public/certificates/:code',
      // Open311 GeoReport v2: public by the standard (reads), the POST authorised by its api_key (docs/open311.md).
      'GET /open311/v2/requests.json',
      'GET /open311/v2/requests.xml',
      'GET /open311/v2/requests/:service_request_id',
      'GET /open311/v2/services.json',
      'GET /open311/v2/services.xml',
      'GET /open311/v2/services/:service_code',
      'GET /open311/v2/tokens/:token',
      'POST /api/auth/login',
      'POST /api/auth/login/password',
      'POST /api/auth/login/totp',
      'POST /api/m/codes',
      'POST /api/m/login',
      'POST /api/m/password-reset',
      'POST /api/m/signup',
      'POST /open311/v2/requests.json',
      'POST /open311/v2/requests.xml',
    ]);
  });
});
