import { randomUUID } from 'node:crypto';
import type { Open311Key, Open311KeyCreated } from '@linli/contracts/modules/open311';
import { type Actor, codeInPrefixes, scopePrefix } from '../../platform/access';
import { type AppContext, auditEvent, auditInTx, auditNow } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import {
  type Open311KeyRow,
  countHit,
  findKey,
  findKeyByHash,
  insertKey,
  listKeys,
  pruneWindows,
  revokeKey,
  touchKey,
} from './keys.repository';

/** A key reads `o311_<32 random base64url characters>`; its first 12 characters are kept to recognise it. */
const KEY_PREFIX_LENGTH = 12;
const MINUTE_MS = 60_000;

export function toKeyDto(row: Open311KeyRow): Open311Key {
  return {
    id: row.id,
    areaCode: row.areaCode,
    name: row.name,
    prefix: row.keyPrefix,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export type KeyCheck = { ok: true; key: Open311KeyRow } | { ok: false; reason: 'missing' | 'invalid' | 'limited' };

/** The API keys of partner systems: issued and revoked by the system administrator, checked on every POST. */
export class Open311KeyService {
  private hits = 0;
  constructor(private readonly ctx: AppContext) {}

  /** Only an HMAC of the key is stored (keyed, so a copy of the database alone cannot test guesses). */
  hashOf(apiKey: string): string {
    return this.ctx.cipher.blindIndex(`open311-key:${apiKey}`);
  }

  async list(actor: Actor, query: { revoked?: 'true' | 'false' | undefined; page: number; pageSize: number }) {
    const revoked = query.revoked === undefined ? undefined : query.revoked === 'true';
    const { rows, total } = await listKeys(this.ctx.db, { prefixes: actor.scopePrefixes, ...query, revoked });
    return { items: rows.map(toKeyDto), total, page: query.page, pageSize: query.pageSize };
  }

  async create(
    actor: Actor,
    input: { areaCode: string; name: string; rateLimitPerMinute: number },
  ): Promise<Open311KeyCreated> {
    // An area outside the jurisdiction answers like one that does not exist (ids inside bodies are scope-checked).
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.status !== 'active' || area.level === 'grid' || !codeInPrefixes(area.code, actor.scopePrefixes)) {
      throw new AppError('area.not_found', [
        { path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } },
      ]);
    }
    const id = randomUUID();
    const apiKey = `o311_${randomToken(24)}`;
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await insertKey(tx, {
        id,
        areaCode: area.code,
        name: input.name,
        keyPrefix: apiKey.slice(0, KEY_PREFIX_LENGTH),
        keyHash: this.hashOf(apiKey),
        rateLimitPerMinute: input.rateLimitPerMinute,
        createdBy: actor.userId,
        createdAt: now,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'open311.key_create',
        objectType: 'open311_key',
        objectIds: [id],
        detail: `${input.name}; ${area.code}; ${input.rateLimitPerMinute}/min`,
      });
    });
    const row = (await findKey(this.ctx.db, id))!;
    return { key: toKeyDto(row), apiKey };
  }

  async revoke(actor: Actor, id: string): Promise<Open311Key> {
    const row = await findKey(this.ctx.db, id);
    if (!row || !codeInPrefixes(row.areaCode, actor.scopePrefixes))
      throw deniedNotFound(this.ctx, actor, 'open311_key', [id], 'open311.not_found');
    await this.ctx.db.transaction(async (tx) => {
      if (!(await revokeKey(tx, id, this.ctx.clock.now()))) throw new AppError('open311.already_revoked');
      await auditInTx(this.ctx, tx, actor, {
        action: 'open311.key_revoke',
        objectType: 'open311_key',
        objectIds: [id],
      });
    });
    return toKeyDto((await findKey(this.ctx.db, id))!);
  }

  /**
   * Checks a presented key and counts the hit against its per-minute limit (in the database, shared by every
   * server process). Refusals are audited (a wrong key, a revoked key, a key over its limit).
   */
  async check(apiKey: string | undefined, client: { ip: string | null; requestId: string | null }): Promise<KeyCheck> {
    if (!apiKey) return { ok: false, reason: 'missing' };
    const key = apiKey.length <= 200 ? await findKeyByHash(this.ctx.db, this.hashOf(apiKey)) : null;
    const refuse = async (reason: 'invalid' | 'limited', detail: string): Promise<KeyCheck> => {
      await auditNow(this.ctx, {
        ...auditEvent(null, {
          action: 'open311.key_use',
          objectType: 'open311_key',
          objectIds: key ? [key.id] : [],
          ...client,
          detail,
        }),
        result: 'denied',
      });
      return { ok: false, reason };
    };
    if (!key) return refuse('invalid', `unknown key ${apiKey.slice(0, KEY_PREFIX_LENGTH)}…`);
    if (key.revokedAt) return refuse('invalid', 'revoked key');
    const now = this.ctx.clock.now();
    const windowStart = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
    // Now and then, forget minutes older than an hour.
    if (++this.hits % 500 === 1) await pruneWindows(this.ctx.db, new Date(windowStart.getTime() - 60 * MINUTE_MS));
    const hits = await countHit(this.ctx.db, key, windowStart);
    if (hits > key.rateLimitPerMinute) return refuse('limited', `over ${key.rateLimitPerMinute}/min`);
    await touchKey(this.ctx.db, key.id, now);
    return { ok: true, key };
  }

  /** The area prefix a key may file requests in. */
  static scopeOf(key: Open311KeyRow): string {
    return scopePrefix(key.areaCode);
  }
}
