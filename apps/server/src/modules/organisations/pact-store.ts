import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACT_CONTENT_TYPES } from '@linli/contracts/modules/organisations';

export type PactContentType = (typeof PACT_CONTENT_TYPES)[number];

/** The first bytes each accepted type starts with: an upload is what it says it is, or it is refused. */
const MAGIC: Record<PactContentType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export function pactTypeOf(contentType: string | undefined, body: Buffer): PactContentType | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase() as PactContentType;
  const magic = MAGIC[type];
  if (!magic || body.length < magic.length) return null;
  return magic.every((b, i) => body[i] === b) ? type : null;
}

/**
 * Pact documents (公约) in the data directory, content-addressed by their SHA-256: `<dataDir>/organisation-files/<sha>`.
 * Written through a temporary name and renamed, so a reader never sees half a file; the database row names the hash.
 */
export class PactStore {
  constructor(private readonly dataDir: string) {}

  private dir() {
    return path.join(this.dataDir, 'organisation-files');
  }

  async put(body: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(body).digest('hex');
    // Not recursive: the data directory itself must exist (the server makes it at start); a missing one is an error
    // here rather than a new directory somewhere unexpected.
    await mkdir(this.dir(), { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    const target = path.join(this.dir(), sha256);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, body, { mode: 0o600 });
    await rename(temp, target);
    return sha256;
  }

  /** The document's bytes, or null when the file is missing or no longer matches its hash. */
  async get(sha256: string): Promise<Buffer | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const body = await readFile(path.join(this.dir(), sha256)).catch(() => null);
    if (!body) return null;
    return createHash('sha256').update(body).digest('hex') === sha256 ? body : null;
  }
}
