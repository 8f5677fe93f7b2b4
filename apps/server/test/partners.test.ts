import { randomUUID } from 'node:crypto';
import { Consent, LoginResult, Referral } from '@linli/contracts';
import {
  PartnerAccount,
  PartnerAccountCredentials,
  PartnerAccountList,
  PartnerOrganisation,
  PartnerReferral,
  PartnerReferralList,
} from '@linli/contracts/modules/partners';
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { NotificationInput } from '../src/platform/notify';
import { auditLog } from '../src/platform/audit.tables';
import { buildOrg, type TestOrg } from './factories/org';
import { careFixtures, createClient } from './factories/care';
import { TestClient, createTestApp, expectError, signedIn, useTestApp } from './harness';
import { seedDemo } from '../src/db/seed/demo';
import { DEMO_PARTNER } from '../src/modules/partners';
import { ROUTE_SAMPLES, routeKey } from './route-samples';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
const NEW_PASSWORD = 'Partner-pass-2026!';

/** An organisation of the partner register, written straight into its table (the register's API is tested elsewhere). */
async function partnerOrg(areaCode: string, options: { serves?: string[]; status?: 'active' | 'disabled' } = {}) {
  const id = randomUUID();
  const now = t.clock.now();
  const name = `测试社工机构${id.slice(0, 6)}`;
  await t.app.ctx.db.execute(sql`
    INSERT INTO organisations (id, area_code, kind, name, status, created_at, updated_at)
    VALUES (${id}, ${areaCode}, 'social_work_agency', ${name}, ${options.status ?? 'active'}, ${now}, ${now})`);
  for (const served of options.serves ?? [])
    await t.app.ctx.db.execute(
      sql`INSERT INTO organisation_service_areas (organisation_id, area_code) VALUES (${id}, ${served})`,
    );
  return { id, name };
}

/** A partner member made by `staff`, logged in with the one-time password and then a password of its own. */
async function partnerSignedIn(staff: TestClient, organisationId: string) {
  const username = `p${randomUUID().slice(0, 8)}`;
  const made = await staff.postAs(PartnerAccountCredentials, '/api/partners/accounts', {
    organisationId,
    username,
    displayName: '合作单位联络员',
    phone: '13912345678',
  });
  const client = new TestClient(t.app);
  const first = LoginResult.parse((await client.login(username, made.oneTimePassword)).json());
  if (first.status !== 'password_change_required') throw new Error(`expected a forced change, got ${first.status}`);
  const changed = LoginResult.parse(
    (
      await client.post('/api/auth/login/password', { challengeId: first.challengeId, newPassword: NEW_PASSWORD })
    ).json(),
  );
  expect(changed.status).toBe('ok');
  return { client, id: made.account.id, username };
}

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  return {
    org,
    worker: worker.client,
    workerId: worker.id,
    supervisor: supervisor.client,
    supervisorId: supervisor.id,
  };
}

/** A client of community A with a live consent for referral, and a referral of it to `organisationId`. */
async function referTo(worker: TestClient, org: TestOrg, organisationId: string | null) {
  const client = await createClient(worker, org.communityA, { phone: '13800001234' });
  const consent = await worker.postAs(Consent, `/api/care/clients/${client.id}/consents`, {
    purpose: 'referral',
    basis: 'consent',
    grantedBy: 'self',
    noticeVersion: '2026-01',
  });
  const provider = organisationId
    ? { organisationId }
    : { providerName: '街道卫生服务中心', providerType: 'government' as const };
  const referral = await worker.postAs(Referral, `/api/care/clients/${client.id}/referrals`, {
    ...provider,
    service: '上门康复指导',
  });
  return { client, consent, referral };
}

async function auditRows(actorId: string) {
  await t.app.ctx.auditWriter.flush();
  return t.app.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, actorId)).orderBy(asc(auditLog.seq));
}

describe('referral providers from the register', () => {
  it('sends to an organisation serving the client, and refuses others like a missing one', async () => {
    const { org, worker } = await community();
    const own = await partnerOrg(org.communityA);
    const streetWide = await partnerOrg(org.communityC, { serves: [org.streetA] });
    const elsewhere = await partnerOrg(org.communityB);
    const disabled = await partnerOrg(org.communityA, { status: 'disabled' });
    const { referral, client } = await referTo(worker, org, own.id);
    expect(referral).toMatchObject({ organisationId: own.id, providerName: own.name, providerType: 'social_org' });
    const viaStreet = await worker.postAs(Referral, `/api/care/clients/${client.id}/referrals`, {
      organisationId: streetWide.id,
      service: '心理疏导',
    });
    expect(viaStreet.organisationId).toBe(streetWide.id);
    for (const id of [elsewhere.id, disabled.id, randomUUID()]) {
      const refused = expectError(
        await worker.post(`/api/care/clients/${client.id}/referrals`, { organisationId: id, service: '心理疏导' }),
        404,
      );
      expect(refused.fields?.map((f) => [f.path, f.code])).toEqual([
        ['organisationId', 'care.referral_provider_unknown'],
      ]);
    }
    const neither = await worker.post(`/api/care/clients/${client.id}/referrals`, { service: '心理疏导' });
    expect(expectError(neither, 400).fields![0]!.path).toBe('organisationId');
    const other = await referTo(worker, org, null);
    expect(other.referral).toMatchObject({ organisationId: null, providerName: '街道卫生服务中心' });
  });
});

describe('partner accounts', () => {
  it('are made by the community holding the partnership, log in without a second factor, and can be disabled', async () => {
    const { org, supervisor, supervisorId } = await community();
    const partner = await partnerOrg(org.communityA);
    const member = await partnerSignedIn(supervisor, partner.id);
    expect(await member.client.getAs(PartnerOrganisation, '/api/partner/organisation')).toEqual({
      id: partner.id,
      name: partner.name,
      kind: 'social_work_agency',
    });
    const list = await supervisor.getAs(PartnerAccountList, `/api/partners/accounts?organisationId=${partner.id}`);
    expect(list.items.map((a) => [a.id, a.status, a.phoneMasked, a.mustChangePassword])).toEqual([
      [member.id, 'active', '139****5678', false],
    ]);

    const disabled = await supervisor.postAs(PartnerAccount, `/api/partners/accounts/${member.id}/status`, {
      enabled: false,
    });
    expect(disabled).toMatchObject({ status: 'disabled', allowedActions: ['enable'] });
    expectError(await member.client.get('/api/partner/organisation'), 401);
    expectError(await new TestClient(t.app).login(member.username, NEW_PASSWORD), 401, 'auth.invalid_credentials');
    await supervisor.postAs(PartnerAccount, `/api/partners/accounts/${member.id}/status`, { enabled: true });
    const again = LoginResult.parse((await new TestClient(t.app).login(member.username, NEW_PASSWORD)).json());
    expect(again.status).toBe('ok');

    const reset = await supervisor.postAs(
      PartnerAccountCredentials,
      `/api/partners/accounts/${member.id}/reset-password`,
    );
    expect(reset.account.mustChangePassword).toBe(true);
    const rows = await auditRows(supervisorId);
    expect(rows.filter((r) => r.objectIds.includes(member.id)).map((r) => r.action)).toEqual(
      expect.arrayContaining(['user.create', 'user.disable', 'user.enable', 'user.reset_password']),
    );
  });

  it('staff of another community get 404 for the organisation and its accounts', async () => {
    const { org, supervisor } = await community();
    const partner = await partnerOrg(org.communityA);
    const member = await partnerSignedIn(supervisor, partner.id);
    const otherCommunity = (await signedIn(t, ['community_supervisor'], [org.communityB])).client;
    const body = { organisationId: partner.id, username: `x${randomUUID().slice(0, 8)}`, displayName: '冒名' };
    expectError(await otherCommunity.post('/api/partners/accounts', body), 404, 'partners.not_found');
    expectError(await otherCommunity.get(`/api/partners/accounts?organisationId=${partner.id}`), 404);
    expect((await otherCommunity.getAs(PartnerAccountList, '/api/partners/accounts')).total).toBe(0);
    expectError(
      await otherCommunity.post(`/api/partners/accounts/${member.id}/status`, { enabled: false }),
      404,
      'partners.not_found',
    );
    expectError(await otherCommunity.post(`/api/partners/accounts/${member.id}/reset-password`), 404);
    // A grid worker holds no such permission: 403, as for any staff route one may not use.
    const grid = (await signedIn(t, ['grid_worker'], [org.gridsA[0]!])).client;
    expectError(await grid.post('/api/partners/accounts', body), 403);
  });
});

describe('the partner referral inbox', () => {
  it('shows only the organisation’s referrals, with contact details under the consent', async () => {
    const { org, worker, supervisor } = await community();
    const mine = await partnerOrg(org.communityA);
    const theirs = await partnerOrg(org.communityA);
    const member = await partnerSignedIn(supervisor, mine.id);
    const addressed = await referTo(worker, org, mine.id);
    const toOther = await referTo(worker, org, theirs.id);
    const toNobody = await referTo(worker, org, null);

    const inbox = await member.client.getAs(PartnerReferralList, '/api/partner/referrals');
    expect(inbox.items.map((r) => r.id)).toEqual([addressed.referral.id]);
    const detail = await member.client.getAs(PartnerReferral, `/api/partner/referrals/${addressed.referral.id}`);
    expect(detail).toMatchObject({
      service: '上门康复指导',
      status: 'sent',
      communityName: '一号社区',
      client: { name: addressed.client.name, phone: '13800001234', masked: false },
      allowedActions: ['accept', 'decline'],
    });
    expect(Object.keys(detail)).not.toContain('clientId');
    for (const other of [toOther.referral.id, toNobody.referral.id, randomUUID()]) {
      expectError(await member.client.get(`/api/partner/referrals/${other}`), 404, 'partners.not_found');
      expectError(await member.client.post(`/api/partner/referrals/${other}/accept`, { version: 1 }), 404);
    }

    await worker.post(`/api/care/consents/${addressed.consent.id}/revoke`);
    const masked = await member.client.getAs(PartnerReferral, `/api/partner/referrals/${addressed.referral.id}`);
    const name = [...addressed.client.name];
    expect(masked.client).toEqual({ name: name[0] + '*'.repeat(name.length - 1), phone: '138****1234', masked: true });
    const reads = (await auditRows(member.id)).filter((r) => r.action === 'referral.read');
    expect(reads.map((r) => r.fields)).toEqual([
      ['clientName', 'clientPhone', 'service', 'status'],
      ['clientNameMasked', 'service', 'status'],
    ]);
  });

  it('accepts, declines with a reason and reports back through the one workflow, audited and announced', async () => {
    const { org, worker, workerId, supervisor } = await community();
    const partner = await partnerOrg(org.communityA);
    const member = await partnerSignedIn(supervisor, partner.id);
    const sent: NotificationInput[] = [];
    const notifier = t.app.ctx.notifier;
    t.app.ctx.notifier = {
      notify: async (tx, input) => {
        sent.push(input);
        return notifier.notify(tx, input);
      },
      sendSms: (tx, input) => notifier.sendSms(tx, input),
    };
    try {
      const one = await referTo(worker, org, partner.id);
      const two = await referTo(worker, org, partner.id);
      expect(sent.filter((n) => n.event === 'referral.received')).toEqual([
        expect.objectContaining({
          userIds: [member.id],
          objectId: one.referral.id,
          link: `/partner/referrals/${one.referral.id}`,
        }),
        expect.objectContaining({ userIds: [member.id], objectId: two.referral.id }),
      ]);

      expectError(await member.client.post(`/api/partner/referrals/${two.referral.id}/decline`, { version: 1 }), 400);
      const declined = await member.client.postAs(
        PartnerReferral,
        `/api/partner/referrals/${two.referral.id}/decline`,
        {
          version: 1,
          reason: '本月人手已满',
        },
      );
      expect(declined).toMatchObject({ status: 'declined', responseNote: '本月人手已满', allowedActions: [] });

      const accepted = await member.client.postAs(PartnerReferral, `/api/partner/referrals/${one.referral.id}/accept`, {
        version: 1,
      });
      expect(accepted).toMatchObject({ status: 'accepted', version: 2, allowedActions: ['report'] });
      expectError(await member.client.post(`/api/partner/referrals/${one.referral.id}/accept`, { version: 2 }), 409);
      const done = await member.client.postAs(PartnerReferral, `/api/partner/referrals/${one.referral.id}/report`, {
        version: 2,
        report: '已上门三次，康复计划已交家属',
      });
      expect(done).toMatchObject({ status: 'done', reportBack: '已上门三次，康复计划已交家属' });
      // The staff side sees the same referral moved on, with the follow-up visit booked.
      const staffView = (await worker.get(`/api/care/referrals?clientId=${one.client.id}`)).json() as {
        items: Referral[];
      };
      expect(staffView.items.map((r) => [r.status, Boolean(r.followUpVisitId)])).toEqual([['done', true]]);

      expect(sent.filter((n) => n.event === 'referral.answered').map((n) => [n.userIds, n.objectId, n.params])).toEqual(
        [
          [[workerId], two.referral.id, { status: 'declined' }],
          [[workerId], one.referral.id, { status: 'accepted' }],
          [[workerId], one.referral.id, { status: 'done' }],
        ],
      );
      const writes = (await auditRows(member.id)).filter(
        (r) => r.action.startsWith('referral.') && r.action !== 'referral.read',
      );
      expect(writes.map((r) => [r.action, r.objectIds[0], r.detail])).toEqual([
        ['referral.respond', two.referral.id, 'answered by the provider'],
        ['referral.respond', one.referral.id, 'answered by the provider'],
        ['referral.done', one.referral.id, 'answered by the provider'],
      ]);
    } finally {
      t.app.ctx.notifier = notifier;
    }
  });

  it('answers 404 on every client route, and staff get 403 on the inbox', async () => {
    const { org, worker, supervisor } = await community();
    const partner = await partnerOrg(org.communityA);
    const member = await partnerSignedIn(supervisor, partner.id);
    const fixtures = await careFixtures(worker, org.communityA, supervisor);
    const careRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/care/'));
    expect(careRoutes.length).toBeGreaterThan(30); // the care route table's size is not this test's to fix
    for (const route of careRoutes) {
      const sample = ROUTE_SAMPLES[routeKey(route.method, route.url)]!;
      const idParams = (route.config.idParams ?? {}) as Record<string, string>;
      const path = route.url.replace(/:(\w+)/g, (_, name: string) => {
        const kind = idParams[name]!;
        return fixtures[sample.fixture ?? kind] ?? (kind === 'area' ? org.communityA : randomUUID());
      });
      const body = sample.body?.({ org, userId: member.id, today: '2026-03-02', fixtures });
      const res = await member.client.request(
        route.method as 'GET',
        path + (sample.query ? `?${sample.query}` : ''),
        route.method === 'GET' ? undefined : (body ?? {}),
      );
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(res.json()).toMatchObject({ code: 'common.not_found' });
    }
    expectError(await worker.get('/api/partner/referrals'), 403);
    const refused = await auditRows(member.id);
    expect(refused.filter((r) => r.action === 'authz.forbidden').length).toBe(careRoutes.length);
    expect(
      await t.app.ctx.db
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.actorId, member.id), eq(auditLog.result, 'success'), eq(auditLog.action, 'client.list')),
        ),
    ).toEqual([]);
  });
});

describe('demo data', () => {
  it('has a partner member of 洗面桥 with a referral waiting in its inbox', async () => {
    const demo = await createTestApp({ demoMode: true });
    try {
      await seedDemo(demo.app.ctx, 'Linli-demo-2026!');
      const partner = new TestClient(demo.app);
      expect(LoginResult.parse((await partner.login(DEMO_PARTNER.username, 'Linli-demo-2026!')).json()).status).toBe(
        'ok',
      );
      const org = await partner.getAs(PartnerOrganisation, '/api/partner/organisation');
      expect(org.name).toBe(DEMO_PARTNER.organisation);
      const inbox = await partner.getAs(PartnerReferralList, '/api/partner/referrals');
      expect(inbox.items.map((r) => [r.status, r.client.masked])).toEqual([['sent', false]]);
    } finally {
      await demo.close();
    }
  }, 120_000); // a second database and the whole demo data set: slow on a loaded machine, not a figure of ours
});
