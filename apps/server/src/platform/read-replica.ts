import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './access';
import { type Db, type ReplicaPool, queryRows } from './db';

/**
 * Read routing to a streaming replica (DATABASE_REPLICA_URL, ADR 0008). Dashboards, exports and ledger reads ask
 * `ctx.readDb(actor)` for their handle; everything else, and every write, stays on the primary (`ctx.db`).
 *
 * Read after write: each successful unsafe request of a session ends by handing the browser the primary's WAL insert
 * position in a cookie (LSN_COOKIE). A routed read of that session goes to the replica only once the replica has
 * replayed past it, so a user sees their own writes, whichever server process they reach; other users' reads go to
 * the replica as soon as it answers. The replica's replay position is asked at most every REPLAY_TTL_MS.
 */
export const LSN_COOKIE = 'linli_lsn';
export const SECURE_LSN_COOKIE = '__Host-linli_lsn';
/** How long the replica's replay position is reused (a read then costs no extra round trip). */
const REPLAY_TTL_MS = 100;
/** After the replica failed to answer, reads stay on the primary this long before it is asked again. */
const RETRY_AFTER_MS = 1000;

/** `16/B374D848` → a number that orders like the position; null for anything else (a cookie is user input). */
export function parseLsn(text: unknown): bigint | null {
  if (typeof text !== 'string' || !/^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(text)) return null;
  const [hi, lo] = text.split('/') as [string, string];
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export type ReadTarget = 'primary' | 'replica';

export class ReadRouter {
  private replay: { lsn: bigint | null; at: number } | null = null;
  private asking: Promise<bigint | null> | null = null;
  /** Writes of this process every routed read must see (the overdue rollup's daily rebuild). */
  private floor = 0n;
  /** Test and metrics hook: called with where each routed read went. */
  onRoute: ((target: ReadTarget) => void) | null = null;

  constructor(
    private readonly primary: Db,
    private readonly replica: ReplicaPool | null,
    private readonly log: { warn(msg: string): void },
    private readonly now: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.replica !== null;
  }

  /** The handle for a routed read: the replica when configured, answering and past the actor's last write. */
  async forActor(actor: Actor | null): Promise<Db> {
    const target = await this.targetFor(actor?.lastWriteLsn ?? null);
    this.onRoute?.(target);
    return target === 'replica' ? this.replica!.db : this.primary;
  }

  private async targetFor(needed: bigint | null): Promise<ReadTarget> {
    if (!this.replica) return 'primary';
    const wait = needed !== null && needed > this.floor ? needed : this.floor;
    const replayed = await this.replayLsn();
    return replayed !== null && replayed >= wait ? 'replica' : 'primary';
  }

  /** The primary's WAL insert position: at or past the end of every transaction committed before the call. */
  async primaryLsn(): Promise<bigint | null> {
    const [row] = await queryRows<{ lsn: string }>(this.primary, sql`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
    return parseLsn(row?.lsn);
  }

  /** Every routed read in this process from now on waits for what the primary has committed so far. */
  async fence(): Promise<void> {
    if (!this.replica) return;
    const lsn = await this.primaryLsn();
    if (lsn !== null && lsn > this.floor) this.floor = lsn;
  }

  /** The replica's replay position, cached; null while it is unreachable or no longer a standby (promoted). */
  private async replayLsn(): Promise<bigint | null> {
    const cached = this.replay;
    const age = cached ? this.now() - cached.at : Infinity;
    if (cached && age < (cached.lsn === null ? RETRY_AFTER_MS : REPLAY_TTL_MS)) return cached.lsn;
    this.asking ??= this.askReplica().finally(() => (this.asking = null));
    return this.asking;
  }

  private async askReplica(): Promise<bigint | null> {
    let lsn: bigint | null = null;
    try {
      const [row] = await queryRows<{ lsn: string | null; standby: boolean }>(
        this.replica!.db,
        sql`SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_is_in_recovery() AS standby`,
      );
      lsn = row?.standby ? parseLsn(row.lsn) : null;
      if (lsn === null) this.log.warn('[linli] the read replica is not a standby in recovery: reads go to the primary');
    } catch (error) {
      this.log.warn(`[linli] the read replica does not answer (${(error as Error).message}): reads go to the primary`);
    }
    this.replay = { lsn, at: this.now() };
    return lsn;
  }
}

/** `__Host-` and Secure behind TLS, as the session cookie (request-context.ts). */
function lsnCookieName(request: FastifyRequest): string {
  return request.protocol === 'https' ? SECURE_LSN_COOKIE : LSN_COOKIE;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The read-after-write hooks (only with a replica): the cookie's position onto the actor once the session is
 * resolved, and after a successful unsafe request of a signed-in user the primary's position into the cookie.
 * Registered after the request context, so its onRequest hook runs once the actor is known.
 */
export function registerReadAfterWrite(app: FastifyInstance, router: ReadRouter): void {
  if (!router.enabled) return;
  app.addHook('onRequest', async (request) => {
    if (request.actor) request.actor.lastWriteLsn = parseLsn(request.cookies[lsnCookieName(request)]);
  });
  app.addHook('onSend', async (request, reply: FastifyReply) => {
    if (!request.actor || !UNSAFE.has(request.method) || reply.statusCode >= 400) return;
    // The write has committed: a primary that cannot say where it is now must not turn its answer into an error.
    const lsn = await router.primaryLsn().catch(() => null);
    if (lsn === null) return;
    reply.setCookie(lsnCookieName(request), formatLsn(lsn), {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
    });
  });
}
