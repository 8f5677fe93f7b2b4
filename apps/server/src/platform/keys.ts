import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Secrets that must live outside the database. */
export interface Keys {
  /** HMAC key for the audit hash chain. */
  auditHmac: Buffer;
  /** AES-256-GCM key for sensitive fields. */
  field: Buffer;
  /** HMAC key for blind indexes (exact search over encrypted values). */
  blindIndex: Buffer;
  /**
   * HMAC key for the audit anchor file (ADR 0006). Optional in the key file: when absent it is derived from
   * `auditHmac` (HKDF), so key files written before it existed keep working.
   */
  auditAnchor: Buffer;
}

const KeyFile = z.object({
  auditHmac: z.string(),
  field: z.string(),
  blindIndex: z.string(),
  auditAnchor: z.string().optional(),
});

/** The anchor key of a key set that does not name one: HKDF-SHA256 of the audit chain key, its own label. */
export function deriveAuditAnchorKey(auditHmac: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', auditHmac, Buffer.alloc(0), 'linli audit anchor v1', 32));
}

export function generateKeys(): Keys {
  const auditHmac = randomBytes(32);
  return {
    auditHmac,
    field: randomBytes(32),
    blindIndex: randomBytes(32),
    auditAnchor: deriveAuditAnchorKey(auditHmac),
  };
}

/**
 * Loads the key file, or creates one (mode 0600) on first start. Environment variables
 * LINLI_AUDIT_HMAC_KEY / LINLI_FIELD_KEY / LINLI_BLIND_INDEX_KEY / LINLI_AUDIT_ANCHOR_KEY (base64) override the file.
 */
export function loadOrCreateKeys(keyFile: string, env: NodeJS.ProcessEnv = process.env): Keys {
  let keys: Omit<Keys, 'auditAnchor'>;
  let anchor: Buffer | null = null;
  if (existsSync(keyFile)) {
    const parsed = KeyFile.parse(JSON.parse(readFileSync(keyFile, 'utf8')));
    keys = {
      auditHmac: Buffer.from(parsed.auditHmac, 'base64'),
      field: Buffer.from(parsed.field, 'base64'),
      blindIndex: Buffer.from(parsed.blindIndex, 'base64'),
    };
    if (parsed.auditAnchor) anchor = Buffer.from(parsed.auditAnchor, 'base64');
  } else {
    keys = generateKeys();
    mkdirSync(path.dirname(keyFile), { recursive: true });
    const body = {
      auditHmac: keys.auditHmac.toString('base64'),
      field: keys.field.toString('base64'),
      blindIndex: keys.blindIndex.toString('base64'),
    };
    writeFileSync(keyFile, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  }
  if (env.LINLI_AUDIT_HMAC_KEY) keys.auditHmac = Buffer.from(env.LINLI_AUDIT_HMAC_KEY, 'base64');
  if (env.LINLI_FIELD_KEY) keys.field = Buffer.from(env.LINLI_FIELD_KEY, 'base64');
  if (env.LINLI_BLIND_INDEX_KEY) keys.blindIndex = Buffer.from(env.LINLI_BLIND_INDEX_KEY, 'base64');
  if (env.LINLI_AUDIT_ANCHOR_KEY) anchor = Buffer.from(env.LINLI_AUDIT_ANCHOR_KEY, 'base64');
  // Derived after the overrides: the anchor key follows whichever audit key is in force.
  const all: Keys = { ...keys, auditAnchor: anchor ?? deriveAuditAnchorKey(keys.auditHmac) };
  for (const [name, key] of Object.entries(all)) {
    if ((key as Buffer).length < 32) throw new Error(`key ${name} must be at least 32 bytes`);
  }
  return all;
}
