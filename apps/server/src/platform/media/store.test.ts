import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RVER_KEYS, startS3rver } from '../../../test/factories/s3rver';
import { s3Config } from '../../config-media';
import { FileMediaStore, type MediaStore, S3MediaStore, createMediaStore } from './store';

async function roundTrip(store: MediaStore) {
  const data = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
  await store.put('photos/2026/03/round-trip.jpg', data, 'image/jpeg');
  expect(await store.get('photos/2026/03/round-trip.jpg')).toEqual({ data, contentType: 'image/jpeg' });
  // Overwriting the same key replaces it.
  await store.put('photos/2026/03/round-trip.jpg', Buffer.from([0xff, 0xd8, 0xff, 9]), 'image/jpeg');
  expect((await store.get('photos/2026/03/round-trip.jpg'))!.data).toEqual(Buffer.from([0xff, 0xd8, 0xff, 9]));
  await store.delete('photos/2026/03/round-trip.jpg');
  expect(await store.get('photos/2026/03/round-trip.jpg')).toBeNull();
  await store.delete('photos/2026/03/round-trip.jpg'); // deleting what is gone is fine
  expect(await store.get('photos/2026/03/never-there.jpg')).toBeNull();
  // Keys are the server's own: nothing that could climb out of the store's root.
  await expect(store.put('../escape.jpg', data, 'image/jpeg')).rejects.toThrow(/invalid media key/);
  await expect(store.get('photos/../../etc/passwd')).rejects.toThrow(/invalid media key/);
}

describe('FileMediaStore', () => {
  it('puts, gets and deletes files under <dataDir>/media', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-media-'));
    const store = createMediaStore({ dataDir, s3: null });
    expect(store).toBeInstanceOf(FileMediaStore);
    await roundTrip(store);
  });

  it('refuses to write when the data directory itself is missing (no directory made in an unexpected place)', async () => {
    const store = new FileMediaStore(path.join(tmpdir(), `linli-missing-${process.pid}-${Date.now()}`, 'media'));
    await expect(store.put('photos/a.jpg', Buffer.from([1]), 'image/jpeg')).rejects.toThrow(/ENOENT/);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-media-'));
    mkdirSync(path.join(dataDir, 'media'));
    await new FileMediaStore(path.join(dataDir, 'media')).put('photos/a.jpg', Buffer.from([1]), 'image/jpeg');
  });
});

describe('S3MediaStore against a local S3-compatible server (s3rver)', () => {
  let s3: { endpoint: string; stop: () => Promise<void> };
  beforeAll(async () => {
    s3 = await startS3rver();
  });
  afterAll(() => s3?.stop());

  it('puts, gets and deletes objects, path-style, signed with the configured keys', async () => {
    const config = s3Config({
      LINLI_S3_ENDPOINT: s3.endpoint,
      LINLI_S3_BUCKET: 'linli-photos',
      LINLI_S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
      LINLI_S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
      LINLI_S3_REGION: 'us-east-1',
    });
    const store = createMediaStore({ dataDir: '/nonexistent-linli-test', s3: config });
    expect(store).toBeInstanceOf(S3MediaStore);
    await roundTrip(store);
  });

  it('reports a failure of the storage instead of pretending the photo was stored', async () => {
    const store = new S3MediaStore({
      endpoint: s3.endpoint,
      bucket: 'no-such-bucket',
      region: 'us-east-1',
      ...S3RVER_KEYS,
    });
    await expect(store.put('photos/a.jpg', Buffer.from([1]), 'image/jpeg')).rejects.toThrow(
      /S3 PUT photos\/a.jpg failed: 404/,
    );
  });
});

describe('S3 configuration', () => {
  const full = {
    LINLI_S3_ENDPOINT: 'http://127.0.0.1:9000',
    LINLI_S3_BUCKET: 'linli',
    LINLI_S3_ACCESS_KEY_ID: 'k',
    LINLI_S3_SECRET_ACCESS_KEY: 's',
    LINLI_S3_REGION: 'cn-north-1',
  };
  it('is off when nothing is set, on when all four are, and an error when only some are', () => {
    expect(s3Config({ LINLI_S3_REGION: 'us-east-1' })).toBeNull();
    expect(s3Config(full)).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'linli',
      accessKeyId: 'k',
      secretAccessKey: 's',
      region: 'cn-north-1',
    });
    expect(() => s3Config({ ...full, LINLI_S3_SECRET_ACCESS_KEY: undefined })).toThrow(/needs all of/);
  });
});
