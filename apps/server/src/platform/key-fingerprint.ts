import { createHash, createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './db';
import type { Keys } from './keys';

/**
 * A fingerprint of the key set (never the keys): an HMAC of a fixed label under each key, hashed together. Two key
 * files give the same fingerprint only if they hold the same keys.
 */
export function keyFingerprint(keys: Pick<Keys, 'auditHmac' | 'field' | 'blindIndex'>): string {
  const hash = createHash('sha256');
  for (const key of [keys.auditHmac, keys.field, keys.blindIndex])
    hash.update(createHmac('sha256', key).update('linli key fingerprint v1').digest());
  return hash.digest('base64url').slice(0, 22);
}

export class KeyMismatchError extends Error {
  constructor(readonly keyFile: string) {
    super(
      `密钥文件 ${keyFile} 与数据库使用的密钥不一致：请使用创建该数据库时的密钥文件（LINLI_KEY_FILE），否则加密字段无法解密、重复检查失效、审计链校验失败。\n` +
        `The key file ${keyFile} does not hold the keys this database was written with: point LINLI_KEY_FILE at the key file ` +
        'the database was created with (otherwise encrypted fields cannot be read, duplicate checks miss and the audit chain fails to verify).',
    );
    this.name = 'KeyMismatchError';
  }
}

/**
 * Records the key set's fingerprint in a new database, or checks it against the one recorded: a server or CLI with
 * other keys refuses to start rather than writing rows no other process can read.
 */
export async function checkKeyFingerprint(db: Db, keys: Keys, keyFile: string, now: Date): Promise<void> {
  const mine = keyFingerprint(keys);
  await db.execute(
    sql`INSERT INTO key_fingerprint (id, fingerprint, created_at) VALUES (1, ${mine}, ${now.toISOString()}::timestamptz) ON CONFLICT (id) DO NOTHING`,
  );
  const [row] = await queryRows<{ fingerprint: string }>(db, sql`SELECT fingerprint FROM key_fingerprint WHERE id = 1`);
  if (row?.fingerprint !== mine) throw new KeyMismatchError(keyFile);
}
