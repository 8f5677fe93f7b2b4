import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LoginResult, ROLE_PERMISSIONS } from '@linli/contracts';
import {
  LinkRequest,
  LinkRequestList,
  Notice,
  PRIVACY_NOTICE,
  PublicCommunityList,
  PublicNotice,
  PublicNoticeList,
  ResidentProfile,
} from '@linli/contracts/modules/residents';
import type { SmsInput } from '../src/platform/notify';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { assess, createClient } from './factories/care';
import { TestClient, createTestApp, expectError, signedIn, useTestApp } from './harness';

const t = useTestApp();
let org: TestOrg;
/** Text messages the app sent, newest last (the notifier is wrapped so the test reads the codes). */
let sent: SmsInput[] = [];
let ipCounter = 0;

beforeEach(async () => {
  org = await buildOrg(t.app.ctx);
  sent = [];
  const ctx = t.app.ctx;
  const original = ctx.notifier;
  if (!(original as { spy?: boolean }).spy) {
    ctx.notifier = {
      spy: true,
      notify: (tx, input) => original.notify(tx, input),
      sendSms: async (tx, input) => {
        sent.push(input);
        await original.sendSms(tx, input);
      },
    } as typeof original;
  }
});

let phoneCounter = 0;
/** A phone of this test only. */
function newPhone(): string {
  phoneCounter += 1;
  return `137${String(process.pid % 10_000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}
/** A browser of its own address (the per-IP limit counts every test's requests within the same hour). */
function browser(): TestClient {
  ipCounter += 1;
  return new TestClient(t.app, `10.7.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`);
}
function lastCode(phone: string): string {
  const sms = [...sent].reverse().find((s) => s.phone === phone && s.template === 'otp');
  if (!sms) throw new Error(`no code was sent to ${phone}`);
  return sms.params.code!;
}
const PASSWORD = 'Resident-pass-2026!';

async function signUp(b: TestClient, phone: string, communityCode: string, displayName = '张阿姨') {
  expect((await b.post('/api/m/codes', { phone, purpose: 'signup' })).statusCode).toBe(200);
  const res = await b.post('/api/m/signup', {
    phone,
    code: lastCode(phone),
    displayName,
    password: PASSWORD,
    communityCode,
    consentVersion: PRIVACY_NOTICE.version,
  });
  return res;
}

describe('resident sign-up with a one-time code', () => {
  it('signs up with the code: a resident account of the chosen community, phone encrypted, consent recorded', async () => {
    const b = browser();
    const phone = newPhone();
    const communities = await b.getAs(PublicCommunityList, '/api/m/communities');
    expect(communities.items.filter((c) => c.code.startsWith(org.district.slice(0, 6))).map((c) => c.code)).toEqual([
      org.communityA,
      org.communityB,
      org.communityC,
    ]);
    const res = await signUp(b, phone, org.communityA);
    const login = LoginResult.parse(res.json());
    if (login.status !== 'ok') throw new Error(res.body);
    expect(login.session.roles).toEqual(['resident']);
    expect(login.session.user.username).toMatch(/^r_[0-9a-f]{12}$/);
    expect(login.session.areas.map((a) => a.code)).toEqual([org.communityA]);
    const me = await b.getAs(ResidentProfile, '/api/m/me');
    expect(me).toMatchObject({
      displayName: '张阿姨',
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      community: { code: org.communityA, name: '一号社区' },
      elderMode: false,
      consent: { version: PRIVACY_NOTICE.version },
      link: null,
      care: null,
    });
    const rows = await t.testDb.owner(
      `SELECT phone_enc, phone_bidx FROM users WHERE username = '${login.session.user.username}'`,
    );
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(phone);
  });

  it('ten residents signing up at the same moment each get their account', async () => {
    // On a Citus cluster accounts live in reference tables that every node locks: made at once, they deadlocked
    // (users.repository.ts lockAccountWrites). The codes are asked one after another; the sign-ups run at once.
    const people = [];
    for (let i = 0; i < 10; i++) {
      const b = browser();
      const phone = newPhone();
      expect((await b.post('/api/m/codes', { phone, purpose: 'signup' })).statusCode).toBe(200);
      people.push({ b, phone, code: lastCode(phone) });
    }
    const answers = await Promise.all(
      people.map(({ b, phone, code }, i) =>
        b.post('/api/m/signup', {
          phone,
          code,
          displayName: `居民${i}`,
          password: PASSWORD,
          communityCode: org.communityB,
          consentVersion: PRIVACY_NOTICE.version,
        }),
      ),
    );
    const usernames = answers.map((res) => {
      expect(res.statusCode, res.body).toBe(200);
      const login = LoginResult.parse(res.json());
      if (login.status !== 'ok') throw new Error(res.body);
      expect(login.session.roles).toEqual(['resident']);
      return login.session.user.username;
    });
    const rows = await t.testDb.owner(
      `SELECT count(DISTINCT u.id) AS n FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'resident'
        JOIN user_areas a ON a.user_id = u.id AND a.area_code = '${org.communityB}'
       WHERE u.username IN (${usernames.map((u) => `'${u}'`).join(', ')})`,
    );
    expect(Number(rows[0]!.n)).toBe(10);
  });

  it('a code cannot be brute-forced: after 5 wrong tries even the right one fails', async () => {
    const b = browser();
    const phone = newPhone();
    await b.post('/api/m/codes', { phone, purpose: 'signup' });
    const right = lastCode(phone);
    const wrong = right === '000000' ? '000001' : '000000';
    const body = (code: string) => ({
      phone,
      code,
      displayName: '李',
      password: PASSWORD,
      communityCode: org.communityA,
      consentVersion: PRIVACY_NOTICE.version,
    });
    for (let i = 0; i < 5; i += 1)
      expectError(await b.post('/api/m/signup', body(wrong)), 400, 'residents.code_invalid');
    expectError(await b.post('/api/m/signup', body(right)), 400, 'residents.code_invalid');
  });

  it('rate limits per phone (1 a minute, 5 an hour) and per IP (20 an hour) with 429', async () => {
    const b = browser();
    const phone = newPhone();
    expect((await b.post('/api/m/codes', { phone, purpose: 'signup' })).statusCode).toBe(200);
    expectError(await b.post('/api/m/codes', { phone, purpose: 'signup' }), 429, 'residents.code_limited');
    for (let i = 0; i < 4; i += 1) {
      t.clock.advance(61_000);
      expect((await b.post('/api/m/codes', { phone, purpose: 'signup' })).statusCode).toBe(200);
    }
    t.clock.advance(61_000);
    expectError(await b.post('/api/m/codes', { phone, purpose: 'signup' }), 429, 'residents.code_limited');
    const one = browser();
    for (let i = 0; i < 20; i += 1)
      expect((await one.post('/api/m/codes', { phone: newPhone(), purpose: 'signup' })).statusCode).toBe(200);
    expectError(
      await one.post('/api/m/codes', { phone: newPhone(), purpose: 'signup' }),
      429,
      'residents.code_limited',
    );
  });

  it('a weak password is refused before the code is used, so the same code still works', async () => {
    const b = browser();
    const phone = newPhone();
    await b.post('/api/m/codes', { phone, purpose: 'signup' });
    const input = {
      phone,
      code: lastCode(phone),
      displayName: '李',
      password: 'weak',
      communityCode: org.communityA,
      consentVersion: PRIVACY_NOTICE.version,
    };
    const weak = expectError(await b.post('/api/m/signup', input), 400, 'auth.password_weak');
    expect(weak.fields?.map((f) => f.path)).toContain('password');
    expectError(await b.post('/api/m/signup', { ...input, password: PASSWORD, consentVersion: 'old' }), 400);
    expect(LoginResult.parse((await b.post('/api/m/signup', { ...input, password: PASSWORD })).json()).status).toBe(
      'ok',
    );
  });

  it('a code expires after 5 minutes', async () => {
    const b = browser();
    const phone = newPhone();
    await b.post('/api/m/codes', { phone, purpose: 'signup' });
    const code = lastCode(phone);
    t.clock.advance(5 * 60_000 + 1000);
    const res = await b.post('/api/m/signup', {
      phone,
      code,
      displayName: '李',
      password: PASSWORD,
      communityCode: org.communityA,
      consentVersion: PRIVACY_NOTICE.version,
    });
    expectError(res, 400, 'residents.code_invalid');
  });

  it('a used code cannot be used again; the answers never say whether a phone has an account', async () => {
    const b = browser();
    const phone = newPhone();
    expect(LoginResult.parse((await signUp(b, phone, org.communityA)).json()).status).toBe('ok');
    // Asking for a sign-up code again answers the same; the message says the number has an account, with no code.
    t.clock.advance(61_000);
    expect((await b.post('/api/m/codes', { phone, purpose: 'signup' })).json()).toEqual({ ok: true });
    expect(sent.at(-1)).toMatchObject({ phone, template: 'otp_has_account' });
    // A reset code for a phone without an account: the same answer, nothing sent.
    const stranger = newPhone();
    const before = sent.length;
    expect((await b.post('/api/m/codes', { phone: stranger, purpose: 'reset' })).json()).toEqual({ ok: true });
    expect(sent.length).toBe(before);
    // Reset with a code, then the same code again.
    t.clock.advance(61_000);
    await b.post('/api/m/codes', { phone, purpose: 'reset' });
    const code = lastCode(phone);
    const reset = { phone, code, newPassword: 'Another-pass-2026!' };
    expect((await b.post('/api/m/password-reset', reset)).json()).toEqual({ ok: true });
    expectError(await b.post('/api/m/password-reset', { ...reset, newPassword: 'Third-pass-2026!' }), 400);
    const again = browser();
    const login = await again.post('/api/m/login', { phone, password: 'Another-pass-2026!' });
    expect(LoginResult.parse(login.json()).status).toBe('ok');
  });

  it('writes the code to demo-sms.log and the log in demo mode only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-demo-sms-'));
    const demo = await createTestApp({ demoMode: true, dataDir: dir });
    try {
      const phone = newPhone();
      await new TestClient(demo.app, '10.9.0.1').post('/api/m/codes', { phone, purpose: 'signup' });
      expect(readFileSync(path.join(dir, 'demo-sms.log'), 'utf8')).toMatch(
        new RegExp(`^${phone} \\d{6} 2026-03-02T01:00:00.000Z\\n$`),
      );
    } finally {
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the two entries', () => {
  it('the staff login refuses a resident and the /m login refuses staff, with the wrong-password answer', async () => {
    const b = browser();
    const phone = newPhone();
    const signed = LoginResult.parse((await signUp(b, phone, org.communityA)).json());
    if (signed.status !== 'ok') throw new Error('sign-up failed');
    const staffLogin = await browser().post('/api/auth/login', {
      username: signed.session.user.username,
      password: PASSWORD,
    });
    expectError(staffLogin, 401, 'auth.invalid_credentials');
    const staffPhone = newPhone();
    const worker = await createUser(t.app.ctx, {
      roles: ['community_worker'],
      areas: [org.communityA],
      phone: staffPhone,
    });
    expectError(
      await browser().post('/api/m/login', { phone: staffPhone, password: worker.password }),
      401,
      'auth.invalid_credentials',
    );
    expectError(await browser().post('/api/m/login', { phone: newPhone(), password: PASSWORD }), 401);
  });

  it('a resident gets 404 for every care route and every staff route', async () => {
    const resident = await signedIn(t, ['resident'], [org.communityA]);
    const own = new Set<string>(ROLE_PERMISSIONS.resident);
    const checked: string[] = [];
    for (const route of t.app.routeTable) {
      const permission = route.config.permission as string | undefined;
      if (!permission || own.has(permission)) continue;
      const url = route.url.replace(/:(\w+)/g, (_, name: string) =>
        name === 'code' ? org.communityA : '00000000-0000-4000-8000-000000000000',
      );
      const method = route.method as 'GET';
      const res = await resident.client.request(method, url, method === 'GET' ? undefined : {});
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404);
      checked.push(route.url);
    }
    expect(checked.filter((u) => u.startsWith('/api/care/')).length).toBeGreaterThan(20); // grows with care
  });
});

describe('link to a client record', () => {
  it('staff confirm in person; the resident then sees the next visit and the worker name, nothing else', async () => {
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const client = await createClient(worker.client, org.communityA, { assigneeId: worker.id });
    await assess(worker.client, client.id, 'red');
    const b = browser();
    expect(LoginResult.parse((await signUp(b, newPhone(), org.communityA, '王阿姨')).json()).status).toBe('ok');
    const asked = await b.postAs(ResidentProfile, '/api/m/me/link-request');
    expect(asked.link?.status).toBe('pending');
    expectError(await b.post('/api/m/me/link-request'), 409, 'residents.link_pending');
    const list = await worker.client.getAs(LinkRequestList, '/api/residents/link-requests?status=pending');
    const mine = list.items.filter((r) => r.displayName === '王阿姨');
    expect(mine.length).toBe(1);
    const other = await signedIn(t, ['community_worker'], [org.communityB]);
    expectError(
      await other.client.post(`/api/residents/link-requests/${mine[0]!.id}/confirm`, { clientId: client.id }),
      404,
    );
    const confirmed = await worker.client.postAs(LinkRequest, `/api/residents/link-requests/${mine[0]!.id}/confirm`, {
      clientId: client.id,
    });
    expect(confirmed).toMatchObject({ status: 'confirmed', clientId: client.id });
    const me = await b.getAs(ResidentProfile, '/api/m/me');
    expect(Object.keys(me.care ?? {}).sort()).toEqual(['nextVisit', 'workerName']);
    expect(me.care?.workerName).toMatch(/^测试用户\d+$/);
    expect(me.care?.nextVisit?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(me)).not.toContain(client.name);
  });
});

describe('notices', () => {
  it('staff publish to their community; only its residents read it', async () => {
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const draft = await worker.client.postAs(Notice, '/api/notices', {
      areaCode: org.communityA,
      title: '停水通知',
      body: '周三 9:00–12:00 停水',
    });
    expect(draft).toMatchObject({ status: 'draft', allowedActions: ['update', 'publish'] });
    const residentA = browser();
    await signUp(residentA, newPhone(), org.communityA);
    expect((await residentA.getAs(PublicNoticeList, '/api/m/notices')).items).toEqual([]);
    expectError(await residentA.get(`/api/m/notices/${draft.id}`), 404);
    const published = await worker.client.postAs(Notice, `/api/notices/${draft.id}/publish`);
    expect(published.status).toBe('published');
    const list = await residentA.getAs(PublicNoticeList, '/api/m/notices');
    expect(list.items.map((n) => n.id)).toEqual([draft.id]);
    expect((await residentA.getAs(PublicNotice, `/api/m/notices/${draft.id}`)).title).toBe('停水通知');
    const residentB = browser();
    await signUp(residentB, newPhone(), org.communityB);
    expect((await residentB.getAs(PublicNoticeList, '/api/m/notices')).items).toEqual([]);
    expectError(await residentB.get(`/api/m/notices/${draft.id}`), 404);
    const workerB = await signedIn(t, ['community_worker'], [org.communityB]);
    expectError(await workerB.client.post(`/api/notices/${draft.id}/unpublish`), 404);
    expectError(await workerB.client.post('/api/notices', { areaCode: org.communityA, title: 'x', body: 'y' }), 404);
    await worker.client.postAs(Notice, `/api/notices/${draft.id}/unpublish`);
    expect((await residentA.getAs(PublicNoticeList, '/api/m/notices')).items).toEqual([]);
  });
});
