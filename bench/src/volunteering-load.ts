// The two volunteering workloads (issue 12): a volunteer checking in by the organiser's rotating code
// (POST /api/m/activities/check-in) and a counter redemption at the charity supermarket
// (POST /api/supermarket/redemptions), each under concurrency. Raw floor: the statements the endpoint's service sends,
// captured by running the server's own service once through a recording Drizzle handle, then replayed with the bare
// driver with the next volunteer's ids, fresh ids for the rows it creates and the current time.
import { randomUUID } from 'node:crypto';
import { permissionsForRoles, type Role } from '../../packages/contracts/src/permissions';
import { ParticipationService } from '../../apps/server/src/modules/activities/participation.service';
import { redemptionHash } from '../../apps/server/src/modules/supermarket/redemption-booking';
import { RedemptionService } from '../../apps/server/src/modules/supermarket/redemption.service';
import { SupermarketService } from '../../apps/server/src/modules/supermarket/supermarket.service';
import type { Actor } from '../../apps/server/src/platform/access';
import { systemClock } from '../../apps/server/src/platform/clock';
import type { AppContext } from '../../apps/server/src/platform/context';
import type { Keys } from '../../apps/server/src/platform/keys';
import { issueRotatingCode, windowOf } from '../../apps/server/src/platform/signed-codes';
import type { Captured, Engine } from './engine';
import type { Session } from './http';
import type { Who } from './raw';
import { BENCH_MARKET, CART, type BenchVolunteer, type CheckinPair } from './volunteering';

const BEGIN = '-- bench: BEGIN';
const COMMIT = '-- bench: COMMIT';

/**
 * An AppContext over the recording handle: enough for the check-in and redemption services (database, clock, keys, an
 * audit writer that only gets poked — their audit rows go into the outbox inside the transaction, which is recorded).
 * The driver's own begin/commit are dropped from the log and the service's transaction is marked instead, so the
 * replay runs the same statements inside and outside it on either engine.
 */
function recordingContext(engine: Engine, keys: Keys) {
  const { db, log } = engine.capturing();
  const inner = db.transaction.bind(db);
  Object.assign(db, {
    transaction: async (...args: Parameters<typeof inner>) => {
      log.push({ sql: BEGIN, params: [] });
      const result = await inner(...args);
      log.push({ sql: COMMIT, params: [] });
      return result;
    },
  });
  const ctx = {
    db,
    clock: systemClock,
    keys,
    auditWriter: { poke: () => undefined, enqueue: () => undefined },
    log: console,
  } as unknown as AppContext;
  const statements = () => log.filter((c) => !/^\s*(begin|commit|rollback)\s*;?\s*$/i.test(c.sql));
  return { ctx, statements };
}

function actorOf(userId: string, username: string, role: Role, areaCode: string): Actor {
  const roles = [role];
  return {
    userId,
    username,
    displayName: username,
    roles,
    permissions: new Set(permissionsForRoles(roles)),
    areaCodes: [areaCode],
    scopePrefixes: [areaCode],
    currentAreaCode: null,
    sessionId: 'bench',
    ip: '127.0.0.1',
    requestId: 'bench',
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Every id the generator writes has this form; any other id in a recorded statement was made for that request. */
const GENERATED = /^[0-9a-f]{8}-0000-4000-8000-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The recorded statements, replayed on one connection: values in `pairs` swapped (the next volunteer's ids), ids the
 * server made for the sample request replaced by fresh ones (consistently within the replay), timestamps taken
 * during the recording replaced by now. An UPDATE … RETURNING that returns nothing (a conditional update that did
 * not apply: a replayed check-in, no stock, no points) fails the call, as the service would refuse it.
 */
async function replay(
  engine: Engine,
  statements: Captured[],
  pairs: Map<unknown, unknown>,
  recorded: [number, number],
): Promise<void> {
  const fresh = new Map<string, string>();
  const now = new Date().toISOString();
  const text = (s: string): string => {
    if (pairs.has(s)) return String(pairs.get(s));
    if (ISO.test(s)) {
      const t = Date.parse(s);
      if (t >= recorded[0] && t <= recorded[1]) return now;
    }
    return s.replace(UUID, (u) => {
      if (pairs.has(u)) return String(pairs.get(u));
      if (GENERATED.test(u)) return u;
      if (!fresh.has(u)) fresh.set(u, randomUUID());
      return fresh.get(u)!;
    });
  };
  const value = (p: unknown): unknown =>
    typeof p === 'string' ? text(p) : Array.isArray(p) ? p.map(value) : pairs.has(p) ? pairs.get(p) : p;
  await engine.withConnection(async (q) => {
    let open = false;
    try {
      for (const c of statements) {
        if (c.sql === BEGIN || c.sql === COMMIT) {
          await q(c.sql === BEGIN ? 'BEGIN' : 'COMMIT');
          open = c.sql === BEGIN;
          continue;
        }
        const rows = await q(c.sql, c.params.map(value));
        if (rows.length === 0 && /^\s*update\b[\s\S]*\breturning\b/i.test(c.sql))
          throw new Error(`conditional update did not apply: ${c.sql.slice(0, 80)}`);
      }
    } catch (error) {
      if (open) await q('ROLLBACK');
      throw error;
    }
  });
}

/**
 * Check-in: ParticipationService.checkin for one sign-up (the volunteer, then in one transaction the activity, the
 * sign-up, the conditional update that checks in, the audit row into the outbox), recorded once, then replayed for
 * each next sign-up with the current code window.
 */
export async function captureCheckin(
  engine: Engine,
  keys: Keys,
  sample: CheckinPair,
  areaCode: string,
): Promise<(pair: CheckinPair, on?: Engine) => Promise<void>> {
  const { ctx, statements } = recordingContext(engine, keys);
  const started = Date.now();
  const code = issueRotatingCode(keys, 'activity.checkin', sample.activityId, new Date());
  const result = await new ParticipationService(ctx).checkin(
    actorOf(sample.userId, sample.username, 'resident', areaCode),
    code.code,
  );
  if (result.step !== 'checked_in') throw new Error(`captureCheckin: the sample sign-up was ${result.step}`);
  const recorded: [number, number] = [started, Date.now()];
  const log = statements();
  return (pair, on = engine) =>
    replay(
      on,
      log,
      new Map<unknown, unknown>([
        [sample.participationId, pair.participationId],
        [sample.activityId, pair.activityId],
        [sample.volunteerId, pair.volunteerId],
        [sample.userId, pair.userId],
        [sample.username, pair.username],
        [code.window, windowOf(new Date())],
      ]),
      recorded,
    );
}

/**
 * Counter redemption: RedemptionService.redeem for one volunteer and the bench cart (the supermarket, the volunteer
 * of the code, then one transaction: the items, the redemption, its lines, each item's conditional stock decrement
 * with its ledger row, the two point accounts locked, the conditional debit, the transfer, the credit, the audit row
 * into the outbox; then the redemption read back for the answer), recorded once, replayed for each next volunteer.
 */
export async function captureRedemption(
  engine: Engine,
  keys: Keys,
  worker: Who,
  sample: BenchVolunteer,
  areaCode: string,
): Promise<(volunteer: BenchVolunteer, on?: Engine) => Promise<void>> {
  const { ctx, statements } = recordingContext(engine, keys);
  const started = Date.now();
  const code = issueRotatingCode(keys, 'volunteer.counter', sample.volunteerId, new Date()).code;
  const service = new RedemptionService(ctx, new SupermarketService(ctx));
  const actor = actorOf(worker.id, worker.username, 'community_worker', areaCode);
  const done = await service.redeem(actor, { id: randomUUID(), supermarketId: BENCH_MARKET, code, lines: CART });
  if (done.status !== 'collected') throw new Error(`captureRedemption: redemption ${done.status}`);
  const recorded: [number, number] = [started, Date.now()];
  const log = statements();
  const sampleHash = redemptionHash(BENCH_MARKET, sample.volunteerId, CART);
  return (v, on = engine) =>
    replay(
      on,
      log,
      new Map<unknown, unknown>([
        [sample.volunteerId, v.volunteerId],
        [sample.accountId, v.accountId],
        [sampleHash, redemptionHash(BENCH_MARKET, v.volunteerId, CART)],
      ]),
      recorded,
    );
}

export interface PerRequest {
  body: string;
  headers?: Record<string, string>;
}

/**
 * Each check-in request: the next sign-up, with its volunteer's session and the code the organiser's screen shows
 * now. When every sign-up has been used the last one is sent again (the server refuses it: a non-2xx, counted).
 */
export function checkinRequests(pairs: () => CheckinPair[], sessions: () => Map<string, Session>, keys: Keys) {
  let next = 0;
  let warned = false;
  return (): PerRequest => {
    const list = pairs();
    if (next >= list.length && !warned) {
      warned = true;
      console.log(`  [check-in] all ${list.length} sign-ups used: later requests repeat one (refused)`);
    }
    const p = list[Math.min(next++, list.length - 1)]!;
    const s = sessions().get(p.userId)!;
    return {
      body: JSON.stringify({ code: issueRotatingCode(keys, 'activity.checkin', p.activityId, new Date()).code }),
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    };
  };
}

/** Each counter redemption: the next volunteer's current code, the bench cart, a new redemption id. */
export function redemptionRequests(volunteers: BenchVolunteer[], keys: Keys) {
  let next = 0;
  return (): PerRequest => {
    const v = volunteers[next++ % volunteers.length]!;
    const code = issueRotatingCode(keys, 'volunteer.counter', v.volunteerId, new Date()).code;
    return { body: JSON.stringify({ id: randomUUID(), supermarketId: BENCH_MARKET, code, lines: CART }) };
  };
}
