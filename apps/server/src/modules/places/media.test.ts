import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhotoUpload } from '@linli/contracts/modules/places';
import { buildOrg, createUser, type TestOrg } from '../../../test/factories/org';
import { gpsJpeg, smallJpeg } from '../../../test/factories/photos';
import { S3RVER_KEYS, startS3rver } from '../../../test/factories/s3rver';
import { createTestApp, signedIn, TestClient, type TestApp } from '../../../test/harness';
import type { Actor } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { claimPhotos, pruneUploads } from '../../platform/media';
import { mediaUploads } from '../../platform/media/uploads.tables';
import { PHOTO_UPLOADS_PER_HOUR } from './media.routes';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp({ dataDir: mkdtempSync(path.join(tmpdir(), 'linli-media-')) });
  org = await buildOrg(t.app.ctx);
});
afterAll(() => t.close());

const upload = async (client: TestClient, body: Buffer, type = 'image/jpeg') =>
  client.upload('/api/media/photos', body, type);
const keyOf = async (app: TestApp, id: string) =>
  (await app.app.ctx.db.select().from(mediaUploads).where(eq(mediaUploads.id, id)))[0]!;
const actorOf = (userId: string) => ({ userId }) as Actor;
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : e),
  );

describe('POST /api/media/photos', () => {
  it('stores a resident’s photo without its EXIF GPS position, upright and at most 1600 px on the long side', async () => {
    const input = await gpsJpeg();
    expect(exifReader((await sharp(input).metadata()).exif!).GPSInfo?.GPSLatitude).toEqual([30, 39, 12.34]);
    const resident = await signedIn(t, ['resident'], [org.communityA]);
    const res = await upload(resident.client, input);
    expect(res.statusCode, res.body).toBe(200);
    const answer = PhotoUpload.parse(res.json());
    expect([answer.width, answer.height]).toEqual([1067, 1600]);

    const row = await keyOf(t, answer.id);
    expect(row).toMatchObject({ areaCode: org.communityA, ownerUserId: resident.id, claimedAt: null });
    expect(row.storageKey).toMatch(/^photos\/2026\/03\/[0-9a-f-]{36}\.jpg$/);
    const stored = await t.app.ctx.media.get(row.storageKey);
    expect(stored!.contentType).toBe('image/jpeg');
    const meta = await sharp(stored!.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([1067, 1600]);
    expect(stored!.data.includes(Buffer.from('LinliTestCam'))).toBe(false);
  });

  it('refuses bytes that are not a photo whatever the Content-Type says, other types, and more than 10 MB (413)', async () => {
    const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
    const pdf = await upload(client, Buffer.from('%PDF-1.4 not a photo'), 'image/jpeg');
    expect([pdf.statusCode, pdf.json().code]).toEqual([415, 'media.photo_type']);
    const typed = await upload(client, await smallJpeg(), 'application/pdf');
    expect([typed.statusCode, typed.json().code]).toEqual([415, 'media.photo_type']);
    const big = Buffer.concat([await smallJpeg(), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(client, big);
    expect([tooBig.statusCode, tooBig.json().code]).toEqual([413, 'media.photo_too_large']);
    expect(tooBig.json().message).toBe('照片过大：每张最多 10 MB');
  });

  it('decides who may upload before reading the body: no session 401, no home area 403', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 1);
    expect((await upload(new TestClient(t.app), big)).statusCode).toBe(401);
    const user = await createUser(t.app.ctx, { roles: ['community_worker'], areas: [] });
    const homeless = new TestClient(t.app);
    await homeless.login(user.username, user.password);
    const res = await upload(homeless, big);
    expect([res.statusCode, res.json().code]).toEqual([403, 'media.no_home_area']);
  });

  it('files a partner member’s photo (no area of their own) under their organisation’s area', async () => {
    const organisationId = randomUUID();
    const now = t.app.ctx.clock.now();
    await t.app.ctx.db.execute(sql`
      INSERT INTO organisations (id, area_code, kind, name, status, created_at, updated_at)
      VALUES (${organisationId}, ${org.communityA}, 'property_company', '媒体测试物业', 'active', ${now}, ${now})`);
    const user = await createUser(t.app.ctx, { roles: ['partner_member'], areas: [] });
    await t.app.ctx.db.execute(sql`UPDATE users SET organisation_id = ${organisationId} WHERE id = ${user.id}`);
    const partner = new TestClient(t.app);
    await partner.login(user.username, user.password);
    const res = await upload(partner, await smallJpeg());
    expect(res.statusCode, res.body).toBe(200);
    expect((await keyOf(t, PhotoUpload.parse(res.json()).id)).areaCode).toBe(org.communityA);
  });

  it('limits uploads per account per hour, before reading the body', async () => {
    const { client, username, password } = await signedIn(t, ['resident'], [org.communityB]);
    for (let i = 0; i < PHOTO_UPLOADS_PER_HOUR; i++)
      expect((await upload(client, Buffer.from('x'))).statusCode).toBe(415);
    const limited = await upload(client, await smallJpeg());
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'common.rate_limited']);
    // Another account is not limited by this one's uploads; the next hour, this one may upload again.
    const other = await signedIn(t, ['resident'], [org.communityB]);
    expect((await upload(other.client, await smallJpeg())).statusCode).toBe(200);
    t.clock.advance(3600_000);
    await client.login(username, password); // the session timed out meanwhile
    expect((await upload(client, await smallJpeg())).statusCode).toBe(200);
  });
});

describe('claimPhotos and the prune job', () => {
  it('claims only the actor’s own unclaimed uploads, all or none, at most `max`', async () => {
    const a = await signedIn(t, ['resident'], [org.communityA]);
    const b = await signedIn(t, ['resident'], [org.communityA]);
    const ids = await Promise.all(
      [1, 2, 3].map(async () => PhotoUpload.parse((await upload(a.client, await smallJpeg())).json()).id),
    );
    const db = t.app.ctx.db;
    // Not the owner: refused, and nothing is claimed.
    expect(await codeOf(db.transaction((tx) => claimPhotos(tx, actorOf(b.id), [ids[0]!])))).toBe(
      'media.photo_not_found',
    );
    expect(await codeOf(db.transaction((tx) => claimPhotos(tx, actorOf(a.id), ids, 2)))).toBe('media.photo_too_many');
    expect(await codeOf(db.transaction((tx) => claimPhotos(tx, actorOf(a.id), [ids[0]!, ids[0]!])))).toBe(
      'media.photo_not_found',
    );
    expect(await codeOf(db.transaction((tx) => claimPhotos(tx, actorOf(a.id), ['not-an-id'])))).toBe(
      'media.photo_not_found',
    );
    // A save that fails after claiming rolls the claim back with it.
    await expect(
      db.transaction(async (tx) => {
        await claimPhotos(tx, actorOf(a.id), [ids[0]!]);
        throw new Error('the request could not be saved');
      }),
    ).rejects.toThrow(/could not be saved/);
    const claimed = await db.transaction((tx) => claimPhotos(tx, actorOf(a.id), [ids[1]!, ids[0]!]));
    expect(claimed.map((c) => c.uploadId)).toEqual([ids[1], ids[0]]);
    expect(claimed[0]).toMatchObject({ contentType: 'image/jpeg', width: 64, height: 48 });
    expect(claimed[0]!.storageKey).toMatch(/^photos\//);
    // Claimed once: a second claim (of it, or of it with an unclaimed one) is refused whole.
    expect(await codeOf(db.transaction((tx) => claimPhotos(tx, actorOf(a.id), [ids[0]!])))).toBe(
      'media.photo_not_found',
    );
    expect(await codeOf(db.transaction((tx) => claimPhotos(tx, actorOf(a.id), [ids[2]!, ids[1]!])))).toBe(
      'media.photo_not_found',
    );
    expect((await keyOf(t, ids[2]!)).claimedAt).toBeNull();
    expect(await db.transaction((tx) => claimPhotos(tx, actorOf(a.id), []))).toEqual([]);
  });

  it('deletes uploads nobody claimed within 24 hours, row and file; claimed ones stay', async () => {
    const a = await signedIn(t, ['resident'], [org.communityA]);
    const kept = PhotoUpload.parse((await upload(a.client, await smallJpeg())).json()).id;
    const dropped = PhotoUpload.parse((await upload(a.client, await smallJpeg())).json()).id;
    await t.app.ctx.db.transaction((tx) => claimPhotos(tx, actorOf(a.id), [kept]));
    const droppedKey = (await keyOf(t, dropped)).storageKey;
    t.clock.advance(23 * 3600_000);
    await a.client.login(a.username, a.password); // the session timed out meanwhile
    const recent = PhotoUpload.parse((await upload(a.client, await smallJpeg())).json()).id;
    expect(await pruneUploads(t.app.ctx)).toBe(0); // 23 hours: not yet
    t.clock.advance(2 * 3600_000);
    expect(await pruneUploads(t.app.ctx)).toBeGreaterThanOrEqual(1);
    expect((await t.app.ctx.db.select().from(mediaUploads).where(eq(mediaUploads.id, dropped))).length).toBe(0);
    expect(await t.app.ctx.media.get(droppedKey)).toBeNull();
    expect(await t.app.ctx.media.get((await keyOf(t, kept)).storageKey)).not.toBeNull();
    expect((await keyOf(t, recent)).claimedAt).toBeNull(); // two hours old: stays
    expect(t.app.ctx.jobs.registered().some((j) => j.name === 'media.prune_uploads')).toBe(true);
  });
});

describe('with S3-compatible storage configured', () => {
  it('an upload through the route lands in the bucket, without its EXIF', async () => {
    const s3 = await startS3rver('linli-test');
    const app = await createTestApp({
      s3: { endpoint: s3.endpoint, bucket: 'linli-test', region: 'us-east-1', ...S3RVER_KEYS },
    });
    try {
      expect(app.app.ctx.media.kind).toBe('s3');
      const local = await buildOrg(app.app.ctx);
      const resident = await signedIn(app, ['resident'], [local.communityA]);
      const res = await resident.client.upload('/api/media/photos', await gpsJpeg(800, 600), 'image/jpeg');
      expect(res.statusCode, res.body).toBe(200);
      const row = await keyOf(app, PhotoUpload.parse(res.json()).id);
      const object = await fetch(`${s3.endpoint}/linli-test/${row.storageKey}`); // s3rver serves unsigned GETs too
      expect(object.status).toBe(200);
      const stored = await app.app.ctx.media.get(row.storageKey);
      expect(Buffer.from(await object.arrayBuffer())).toEqual(stored!.data);
      const meta = await sharp(stored!.data).metadata();
      expect([meta.width, meta.height, meta.exif]).toEqual([600, 800, undefined]);
    } finally {
      await app.close();
      await s3.stop();
    }
  }, 120_000); // a second app of its own: migrations included
});
