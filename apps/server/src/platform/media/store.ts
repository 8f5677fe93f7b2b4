import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';

/**
 * Where photo bytes live. Keys are made by the server (`photos/2026/03/<uuid>.jpg`), never taken from a client; the
 * database rows that own a photo name its key, and the owner's own scope-checked route reads it back.
 */
export interface MediaStore {
  readonly kind: 'file' | 's3';
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<{ data: Buffer; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

/** S3-compatible object storage (MinIO, Ceph, OSS/COS in S3 mode), addressed path-style. */
export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Server-made keys only: lower-case segments of letters, digits, `-` and `_`, one optional extension. */
const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*(\.[a-z0-9]+)?$/;
function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 200) throw new Error(`invalid media key: ${JSON.stringify(key)}`);
  return key;
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const typeOfKey = (key: string) => TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream';

/**
 * Files under `<dataDir>/media/<key>`: the embedded default. Written through a temporary name and renamed, so a
 * reader never sees half a file (like the organisations' pact store).
 */
export class FileMediaStore implements MediaStore {
  readonly kind = 'file';
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  /** The content type is not kept: the key's extension says it (the server writes `.jpg` keys only). */
  async put(key: string, data: Buffer, _contentType?: string): Promise<void> {
    const target = this.pathOf(key);
    // The data directory itself must exist (the server makes it at start); below it, the folders are ours to make.
    await stat(path.dirname(this.root));
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, target);
  }

  async get(key: string): Promise<{ data: Buffer; contentType: string } | null> {
    const data = await readFile(this.pathOf(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    return data ? { data, contentType: typeOfKey(key) } : null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** Objects in an S3-compatible bucket, requests signed with AWS Signature V4 (aws4fetch: fetch + WebCrypto). */
export class S3MediaStore implements MediaStore {
  readonly kind = 's3';
  private readonly client: AwsClient;
  private readonly base: string;

  constructor(config: S3Config) {
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      region: config.region,
      service: 's3',
      retries: 2,
    });
    this.base = `${config.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(config.bucket)}`;
  }

  private url(key: string): string {
    return `${this.base}/${checkKey(key)}`;
  }

  private async fail(op: string, key: string, res: Response): Promise<never> {
    const text = await res.text().catch(() => '');
    throw new Error(`S3 ${op} ${key} failed: ${res.status} ${text.slice(0, 300)}`);
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const res = await this.client.fetch(this.url(key), {
      method: 'PUT',
      body: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      headers: { 'content-type': contentType, 'content-length': String(data.length) },
    });
    if (!res.ok) await this.fail('PUT', key, res);
    await res.arrayBuffer().catch(() => undefined); // drain, so the connection is reused
  }

  async get(key: string): Promise<{ data: Buffer; contentType: string } | null> {
    const res = await this.client.fetch(this.url(key), { method: 'GET' });
    if (res.status === 404) {
      await res.arrayBuffer().catch(() => undefined);
      return null;
    }
    if (!res.ok) await this.fail('GET', key, res);
    const data = Buffer.from(await res.arrayBuffer());
    return { data, contentType: res.headers.get('content-type') ?? typeOfKey(key) };
  }

  async delete(key: string): Promise<void> {
    const res = await this.client.fetch(this.url(key), { method: 'DELETE' });
    // S3 answers 204 whether or not the object was there; some servers answer 404 for a missing one.
    if (!res.ok && res.status !== 404) await this.fail('DELETE', key, res);
    await res.arrayBuffer().catch(() => undefined);
  }
}

/** The store the configuration names: S3 when its endpoint and bucket are set, else files in the data directory. */
export function createMediaStore(config: { dataDir: string; s3: S3Config | null }): MediaStore {
  return config.s3 ? new S3MediaStore(config.s3) : new FileMediaStore(path.join(config.dataDir, 'media'));
}
