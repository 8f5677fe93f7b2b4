import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  MyWish,
  MyWishList,
  Wish,
  WishCard,
  WishCardList,
  WishList,
  WishPartnerCounts,
} from '@linli/contracts/modules/wishes';
import { expireClaims } from '../src/modules/wishes';
import { buildOrg, createUser } from './factories/org';
import { smallJpeg } from './factories/photos';
import { TestClient, expectError, signedIn, useTestApp } from './harness';

// Photos go to the data directory's media folder: a directory of this file's own.
const t = useTestApp({
  loginLimitPerIp: 10_000,
  loginLimitPerUser: 10_000,
  dataDir: mkdtempSync(path.join(tmpdir(), 'linli-wishes-')),
});
const DAY = 86_400_000;

/** An organisation of the partner register held by `areaCode`, written straight into its table. */
async function partnerOrg(areaCode: string) {
  const id = randomUUID();
  const now = t.clock.now();
  await t.app.ctx.db.execute(sql`
    INSERT INTO organisations (id, area_code, kind, name, status, created_at, updated_at)
    VALUES (${id}, ${areaCode}, 'social_work_agency', ${`爱心社工${id.slice(0, 6)}`}, 'active', ${now}, ${now})`);
  return id;
}

/** A signed-in member of the organisation (partner accounts hold no area; the organisation decides what they see). */
async function partnerMember(organisationId: string): Promise<{ id: string; client: TestClient }> {
  const user = await createUser(t.app.ctx, { roles: ['partner_member'], areas: [] });
  await t.app.ctx.db.execute(sql`UPDATE users SET organisation_id = ${organisationId} WHERE id = ${user.id}`);
  const client = new TestClient(t.app);
  await client.login(user.username, user.password);
  return { id: user.id, client };
}

/** A fulfilment photo staged by the claimant on the wish (partner members have no home area for /api/media). */
async function photo(client: TestClient, wishId: string): Promise<string> {
  const res = await client.upload(`/api/wishes/${wishId}/photos`, await smallJpeg(), 'image/jpeg');
  if (res.statusCode !== 200) throw new Error(`upload: ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A community with its worker, a resident, a partner organisation with a member: the cast of one test. */
async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const resident = await signedIn(t, ['resident'], [org.communityA]);
  const organisationId = await partnerOrg(org.communityA);
  const partner = await partnerMember(organisationId);
  return { org, worker: worker.client, workerId: worker.id, resident, organisationId, partner };
}

/** A resident posts, the worker publishes: a wish on the wall. */
async function publishedWish(c: Awaited<ReturnType<typeof community>>) {
  const mine = await c.resident.client.postAs(MyWish, '/api/m/wishes', {
    title: '一辆轮椅',
    publicText: '腿脚不便，希望有一辆折叠轮椅。',
    estimatedValue: 800,
  });
  expect(mine.status).toBe('submitted');
  await c.worker.postAs(Wish, `/api/wishes/${mine.id}/publish`, {});
  return mine.id;
}

async function inbox(userId: string, event: string): Promise<number> {
  const rows = await t.app.ctx.db.execute(
    sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND event = ${event}`,
  );
  return (rows as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe('micro-wishes', () => {
  it('lifecycle: post → publish → claim → fulfil with a photo → confirm → public thanks after moderation', async () => {
    const c = await community();
    const id = await publishedWish(c);
    expect(await inbox(c.resident.id, 'wish.published')).toBe(1);
    const wall = await c.partner.client.getAs(WishCardList, '/api/wishes/wall');
    expect(wall.items.map((w) => [w.id, w.allowedActions])).toEqual([[id, ['claim']]]);

    const claimed = await c.partner.client.postAs(WishCard, `/api/wishes/${id}/claim`, {});
    expect(claimed).toMatchObject({
      status: 'claimed',
      claimantKind: 'organisation',
      allowedActions: ['fulfil', 'release'],
    });
    expect(new Date(claimed.claimExpiresAt!).getTime() - new Date(claimed.claimedAt!).getTime()).toBe(14 * DAY);
    expect(await inbox(c.resident.id, 'wish.claimed')).toBe(1);
    expect(await inbox(c.workerId, 'wish.claimed')).toBe(1);
    const claims = await c.partner.client.getAs(WishCardList, '/api/wishes/claims');
    expect(claims.items.map((w) => w.id)).toEqual([id]);

    const uploadId = await photo(c.partner.client, id);
    const done = await c.partner.client.postAs(WishCard, `/api/wishes/${id}/fulfil`, {
      note: '已送到家中',
      photoUploadIds: [uploadId],
    });
    expect(done).toMatchObject({ status: 'fulfilled', photoCount: 1, fulfilmentNote: '已送到家中' });
    expect(await inbox(c.resident.id, 'wish.fulfilled')).toBe(1);
    const image = await c.resident.client.get(`/api/wishes/${id}/photo?n=0`);
    expect([image.statusCode, image.headers['content-type']]).toEqual([200, 'image/jpeg']);

    const confirmed = await c.resident.client.postAs(MyWish, `/api/m/wishes/${id}/confirm`, {
      thanks: '谢谢爱心单位！',
    });
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      thanks: null,
      myThanks: '谢谢爱心单位！',
      thanksStatus: 'pending',
    });
    const doneWall = async () => (await c.resident.client.getAs(WishCardList, '/api/wishes/wall?view=done')).items;
    expect((await doneWall()).map((w) => w.thanks)).toEqual([null]);
    await c.worker.postAs(Wish, `/api/wishes/${id}/thanks`, { approve: true });
    expect((await doneWall()).map((w) => w.thanks)).toEqual(['谢谢爱心单位！']);

    const detail = await c.worker.getAs(Wish, `/api/wishes/${id}`);
    expect(detail.events.map((e) => e.kind)).toEqual([
      'submitted',
      'published',
      'claimed',
      'fulfilled',
      'confirmed',
      'thanks_approved',
    ]);
    const counts = await c.worker.getAs(WishPartnerCounts, `/api/wishes/partners/${c.organisationId}/counts`);
    expect(counts).toEqual({ organisationId: c.organisationId, claimed: 1, inProgress: 0, fulfilled: 1, confirmed: 1 });
  });

  it('two claims at the same instant: exactly one wins, the other gets 409 with a clear message', async () => {
    const c = await community();
    const other = await partnerMember(await partnerOrg(c.org.communityA));
    const id = await publishedWish(c);
    const [a, b] = await Promise.all([
      c.partner.client.post(`/api/wishes/${id}/claim`, {}),
      other.client.post(`/api/wishes/${id}/claim`, {}),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(expectError(loser, 409, 'wishes.already_claimed').message).toBe('该心愿已被认领，请选择其他心愿');
    const detail = await c.worker.getAs(Wish, `/api/wishes/${id}`);
    expect(detail.events.filter((e) => e.kind === 'claimed')).toHaveLength(1);
  });

  it('a claim not fulfilled in 14 days goes back to the wall, recorded, and the claimant is told', async () => {
    const c = await community();
    const id = await publishedWish(c);
    await c.partner.client.postAs(WishCard, `/api/wishes/${id}/claim`, {});
    t.clock.advance(13 * DAY);
    expect(await expireClaims(t.app.ctx)).toBe(0);
    t.clock.advance(1 * DAY + 60_000);
    // Other tests of the file claim at the same start time, so their claims expire in this run too: a floor.
    expect(await expireClaims(t.app.ctx)).toBeGreaterThanOrEqual(1);
    await c.worker.relogin();
    const detail = await c.worker.getAs(Wish, `/api/wishes/${id}`);
    expect(detail).toMatchObject({ status: 'published', claimantKind: null, claimedAt: null });
    expect(detail.events.at(-1)?.kind).toBe('claim_expired');
    expect(await inbox(c.partner.id, 'wish.claim_expired')).toBe(1);
  });

  it('scope: a partner of another area, staff of another community and another resident get 404', async () => {
    const c = await community();
    const id = await publishedWish(c);
    const far = await buildOrg(t.app.ctx);
    const stranger = await partnerMember(await partnerOrg(far.communityA));
    expect((await stranger.client.getAs(WishCardList, '/api/wishes/wall')).items).toEqual([]);
    expectError(await stranger.client.post(`/api/wishes/${id}/claim`, {}), 404, 'wishes.not_found');
    expectError(await stranger.client.get(`/api/wishes/wall?areaCode=${c.org.communityA}`), 404);
    const { client: otherStaff } = await signedIn(t, ['community_worker'], [c.org.communityB]);
    expectError(await otherStaff.get(`/api/wishes/${id}`), 404, 'wishes.not_found');
    const { client: neighbour } = await signedIn(t, ['resident'], [c.org.communityB]);
    expectError(await neighbour.post(`/api/wishes/${id}/claim`, {}), 404, 'wishes.not_found');
    expectError(await neighbour.post(`/api/m/wishes/${id}/withdraw`), 404, 'wishes.not_found');
    // A partner's members see only their own organisation's claims; claiming for another organisation is refused.
    const sameArea = await partnerMember(await partnerOrg(c.org.communityA));
    expectError(
      await sameArea.client.post(`/api/wishes/${id}/claim`, { organisationId: c.organisationId }),
      404,
      'wishes.not_found',
    );
    expectError(await c.resident.client.post(`/api/wishes/${id}/claim`, {}), 409, 'wishes.own_wish');
  });

  it('staff post for a client with consent; personal data never reaches the wall', async () => {
    const c = await community();
    const body = {
      areaCode: c.org.communityA,
      title: '冬天的棉被',
      publicText: '家里棉被太薄，想要一床冬被。',
      estimatedValue: 300,
    };
    const withoutConsent = await c.worker.post('/api/wishes', { ...body, beneficiaryName: '张桂兰', consent: false });
    expect(expectError(withoutConsent, 400).fields?.map((f) => f.code)).toEqual(['wishes.consent_required']);
    const phoneInText = await c.worker.post('/api/wishes', {
      ...body,
      publicText: '请联系 138 0013 8000',
      beneficiaryName: '张桂兰',
      consent: true,
    });
    expect(expectError(phoneInText, 400).fields?.map((f) => f.code)).toEqual(['wishes.personal_data']);
    const idInText = await c.resident.client.post('/api/m/wishes', { ...body, publicText: '身份证510107195001011234' });
    expect(expectError(idInText, 400).fields?.map((f) => f.code)).toEqual(['wishes.personal_data']);

    const posted = await c.worker.postAs(Wish, '/api/wishes', {
      ...body,
      beneficiaryName: '张桂兰',
      beneficiaryPhone: '13800138000',
      consent: true,
    });
    expect(posted).toMatchObject({
      beneficiaryKind: 'client',
      beneficiaryNameMasked: '张**',
      beneficiaryPhoneMasked: '138****8000',
      status: 'submitted',
    });
    expect(posted.consentAt).not.toBeNull();
    await c.worker.postAs(Wish, `/api/wishes/${posted.id}/publish`, {});
    const list = await c.worker.getAs(WishList, '/api/wishes?status=published');
    expect(list.items.map((w) => w.id)).toEqual([posted.id]);
    for (const client of [c.partner.client, c.resident.client, c.worker]) {
      const wall = await client.get('/api/wishes/wall');
      WishCardList.parse(wall.json());
      expect(wall.body).toContain(posted.id);
      for (const secret of ['张桂兰', '张**', '13800138000', '138****8000', 'beneficiary'])
        expect(wall.body).not.toContain(secret);
    }
  });

  it('a repeated claim with the same Idempotency-Key answers the first answer once more', async () => {
    const c = await community();
    const id = await publishedWish(c);
    const key = `wish-claim-${id}`;
    const first = await c.partner.client.request('POST', `/api/wishes/${id}/claim`, {}, { 'idempotency-key': key });
    const again = await c.partner.client.request('POST', `/api/wishes/${id}/claim`, {}, { 'idempotency-key': key });
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    // Without the key, a second claim is a new request and finds the wish taken.
    expectError(await c.partner.client.post(`/api/wishes/${id}/claim`, {}), 409, 'wishes.already_claimed');
  });

  it('a resident withdraws an unclaimed wish; a volunteer claims and gives one back; staff reject with a reason', async () => {
    const c = await community();
    const id = await publishedWish(c);
    const volunteer = await signedIn(t, ['resident'], [c.org.communityA]);
    const taken = await volunteer.client.postAs(WishCard, `/api/wishes/${id}/claim`, {});
    expect(taken).toMatchObject({ claimantKind: 'volunteer', claimantName: null });
    expectError(await c.resident.client.post(`/api/m/wishes/${id}/withdraw`), 409, 'wishes.invalid_state');
    await volunteer.client.postAs(WishCard, `/api/wishes/${id}/release`, {});
    const mine = await c.resident.client.postAs(MyWish, `/api/m/wishes/${id}/withdraw`, {});
    expect(mine.status).toBe('withdrawn');
    t.clock.advance(60_000); // newest first: the second wish is a minute younger
    const second = await c.resident.client.postAs(MyWish, '/api/m/wishes', {
      title: '上门理发',
      publicText: '希望有人上门理发。',
      estimatedValue: 50,
    });
    await c.worker.postAs(Wish, `/api/wishes/${second.id}/reject`, { reason: '请到社区活动中心登记' });
    const list = await c.resident.client.getAs(MyWishList, '/api/m/wishes');
    expect(list.items.map((w) => [w.status, w.rejectReason])).toEqual([
      ['rejected', '请到社区活动中心登记'],
      ['withdrawn', null],
    ]);
  });
});
