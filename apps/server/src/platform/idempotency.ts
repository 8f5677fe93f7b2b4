import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from './context';
import { AppError } from './errors';
import type { DbOrTx } from './db';
import { idempotencyKeys } from './idempotency.tables';
import { preparedOn, UNNAMED } from './prepared-queries';

/** How long a key's answer is kept (and a repeat replayed). */
export const IDEMPOTENCY_HOURS = 24;
/** How long a repeat waits for the first request to finish before answering 409. */
const WAIT_MS = 30_000;
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answers larger than this are not kept (a repeat then runs again): big bodies are files, not records. */
const MAX_STORED = 2 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request claimed an Idempotency-Key: its answer is stored for repeats. */
    idempotencyKey: string | null;
  }
}

/** What makes two requests "the same": method, the matched route, its parameters and the body. */
function requestHash(request: FastifyRequest): string {
  const hash = createHash('sha256')
    .update(request.method)
    .update('\n')
    .update(request.routeOptions.url ?? '')
    .update('\n');
  hash.update(JSON.stringify(request.params ?? {})).update('\n');
  const body = request.body;
  if (Buffer.isBuffer(body)) hash.update(body);
  else hash.update(JSON.stringify(body ?? null));
  return hash.digest('base64url');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Claim = { kind: 'claimed' } | { kind: 'replay'; row: typeof idempotencyKeys.$inferSelect };
const DAY_MS = IDEMPOTENCY_HOURS * 3600_000;
const ABANDONED_MS = 5 * 60_000;

/**
 * The two statements every unsafe request with a key runs — the claim and the kept answer; the web app sends a key
 * with every POST — built once (prepared-queries.ts), as the other statements every request runs.
 */
const KEY_VALUES = {
  userId: sql.placeholder('userId'),
  key: sql.placeholder('key'),
  requestHash: sql.placeholder('requestHash'),
  createdAt: sql.placeholder('createdAt'),
};
const byUserAndKey = () => and(eq(idempotencyKeys.userId, KEY_VALUES.userId), eq(idempotencyKeys.key, KEY_VALUES.key));
const claimStatement = (db: DbOrTx) =>
  preparedOn(db, 'platform.idempotencyClaim', (d) =>
    d
      .insert(idempotencyKeys)
      .values({ ...KEY_VALUES, state: 'pending' })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key })
      .prepare(UNNAMED),
  );
const answerStatement = (db: DbOrTx) =>
  preparedOn(db, 'platform.idempotencyAnswer', (d) =>
    d
      .update(idempotencyKeys)
      .set({
        state: 'done',
        status: sql`${sql.placeholder('status')}`,
        contentType: sql`${sql.placeholder('contentType')}`,
        bodyEnc: sql`${sql.placeholder('bodyEnc')}`,
      })
      .where(byUserAndKey())
      .prepare(UNNAMED),
  );

/** Claims (user, key) for this request, or waits for the first request with that key to finish and returns its row. */
async function claimOrWait(ctx: AppContext, userId: string, key: string, hash: string, now: Date): Promise<Claim> {
  const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
  const started = Date.now();
  for (;;) {
    const claimed = await claimStatement(ctx.db).execute({ userId, key, requestHash: hash, createdAt: now });
    if (claimed.length) return { kind: 'claimed' };
    const [row] = await ctx.db.select().from(idempotencyKeys).where(where);
    // Gone between the two statements: the first attempt failed (5xx) and let go of the key; claim it again.
    if (!row) continue;
    // Past its day the key is free again; so is a claim whose request never answered (the process stopped mid-way).
    const age = now.getTime() - row.createdAt.getTime();
    if (age > DAY_MS || (row.state === 'pending' && age > ABANDONED_MS)) {
      await ctx.db.delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.createdAt, row.createdAt)));
      continue;
    }
    if (row.requestHash !== hash) throw new AppError('common.idempotency_mismatch');
    if (row.state === 'done' && row.status !== null) return { kind: 'replay', row };
    if (Date.now() - started > WAIT_MS) throw new AppError('common.idempotency_in_progress');
    await sleep(50);
  }
}

/**
 * Every unsafe request may carry `Idempotency-Key` (the web client always sends one, the same for a repeat of the
 * same action): per user and key the request runs once, and a repeat — a double click, a retry after a lost answer,
 * the same request twice at once — gets the first answer, marked `Idempotent-Replayed: true`. A key reused for a
 * different request is refused (422). Answers of 5xx are not kept, so the request may be retried.
 */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotencyKey', null);
  let claims = 0;

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (!UNSAFE.has(request.method) || key === undefined || !request.actor) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new AppError('common.validation_failed', [{ path: 'Idempotency-Key', code: 'field.invalid_format' }]);
    }
    const now = ctx.clock.now();
    // Now and then, forget keys past their day.
    if (++claims % 200 === 1) {
      await ctx.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - DAY_MS)));
    }
    const claim = await claimOrWait(ctx, request.actor.userId, key, requestHash(request), now);
    if (claim.kind === 'claimed') {
      request.idempotencyKey = key;
      return;
    }
    const { row } = claim;
    void reply.code(row.status ?? 200).header('idempotent-replayed', 'true');
    if (row.contentType) void reply.header('content-type', row.contentType);
    return reply.send(row.bodyEnc ? ctx.cipher.decrypt(row.bodyEnc) : '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    // Only text answers are kept for replay: a file (the ledger's error report) would not survive utf-8.
    const textual = /json|text/.test(String(reply.getHeader('content-type') ?? ''));
    const text =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) && textual ? payload.toString('utf8') : null;
    if (reply.statusCode >= 500 || text === null || text.length > MAX_STORED) {
      await ctx.db
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, request.actor.userId), eq(idempotencyKeys.key, key)));
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await answerStatement(ctx.db).execute({
      userId: request.actor.userId,
      key,
      status: reply.statusCode,
      contentType: typeof contentType === 'string' ? contentType : null,
      bodyEnc: ctx.cipher.encrypt(text),
    });
    return payload;
  });
}
