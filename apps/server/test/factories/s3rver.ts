import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error -- s3rver ships no type declarations; the two calls used here are typed below
import S3rverUntyped from 's3rver';

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
const S3rver = S3rverUntyped as new (options: Record<string, unknown>) => S3rverInstance;

/** s3rver's fixed credentials (it checks the signature against them). */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A local S3-compatible server (s3rver, from npm) on a free loopback port with one bucket, for tests of the S3
 * media store; `stop` closes it.
 */
export async function startS3rver(bucket = 'linli-photos'): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: mkdtempSync(path.join(tmpdir(), 'linli-s3rver-')),
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
