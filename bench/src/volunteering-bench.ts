// The volunteering rows of `npm run bench` (issue 12): activity check-in and supermarket redemption under
// concurrency, wired for main.ts — the data, the raw floors, the reset between the raw and the HTTP measurement (and
// the volunteers' sessions), and the per-request bodies for autocannon.
import { loadOrCreateKeys } from '../../apps/server/src/platform/keys';
import type { Engine } from './engine';
import type { Session } from './http';
import type { Who } from './raw';
import {
  ACTIVITIES,
  VOLUNTEERS,
  benchVolunteers,
  ensureVolunteeringData,
  openVolunteerSessions,
  prepareCheckins,
  type CheckinPair,
} from './volunteering';
import {
  type PerRequest,
  captureCheckin,
  captureRedemption,
  checkinRequests,
  redemptionRequests,
} from './volunteering-load';

export interface VolunteeringEndpoint {
  session: Session;
  method: 'POST';
  path: () => string;
  setup: () => PerRequest;
  onBody: (status: number, body: string) => void;
}

/** Prints the first few refusals of a load (their count is in the row). */
function firstRefusals(name: string) {
  let shown = 0;
  return (status: number, body: string) => {
    if (status >= 200 && status < 300) return;
    if (shown++ < 3) console.log(`  [${name}] HTTP ${status}: ${body.slice(0, 200)}`);
  };
}

export async function setupVolunteering(
  engine: Engine,
  opts: { community: string; worker: Who; keyFile: string; log: (s: string) => void },
) {
  const { community, worker, log } = opts;
  // The server's key file for this dataset (created here on a fresh dataset; the server then reads the same file):
  // the bench signs the check-in and counter codes as the organiser's and the volunteer's screens would.
  const keys = loadOrCreateKeys(opts.keyFile);
  const generation = await ensureVolunteeringData(engine, community, worker.id, keys, log);
  const volunteers = await benchVolunteers(engine);
  // The activities run from ten minutes before this run for three hours: check-in is open throughout.
  const startsAt = new Date(Date.now() - 10 * 60_000);
  const endsAt = new Date(Date.now() + 3 * 3600_000);
  let pairs: CheckinPair[] = await prepareCheckins(engine, startsAt, endsAt);
  const checkinRaw = await captureCheckin(engine, keys, pairs[0]!, community);
  const redeemRaw = await captureRedemption(engine, keys, worker, volunteers[0]!, community);
  let nextPair = 1;
  let nextVolunteer = 1;
  let sessions = new Map<string, Session>();
  log(
    `[bench] volunteering: ${volunteers.length} volunteers, ${pairs.length} sign-ups (${ACTIVITIES} activities) to check in, supermarket redemptions at the counter`,
  );
  return {
    workloads: [
      {
        name: 'activity check-in',
        raw: () => {
          const pair = pairs[nextPair++];
          if (!pair) throw new Error(`all ${pairs.length} sign-ups used`);
          return checkinRaw(pair);
        },
      },
      { name: 'supermarket redemption', raw: () => redeemRaw(volunteers[nextVolunteer++ % volunteers.length]!) },
    ],
    /** One call of each on another engine (the single-shard check records its statements; issue 14). */
    checks: {
      'activity check-in': (on: Engine) => {
        const pair = pairs[nextPair++];
        if (!pair) throw new Error(`all ${pairs.length} sign-ups used`);
        return checkinRaw(pair, on);
      },
      'supermarket redemption': (on: Engine) => redeemRaw(volunteers[nextVolunteer++ % volunteers.length]!, on),
    },
    /** With the server still stopped: every sign-up back to not checked in, and a session for each volunteer. */
    async beforeServer() {
      log(`[bench] check-in: the raw floor used ${nextPair} of ${pairs.length} sign-ups; resetting them`);
      pairs = await prepareCheckins(engine, startsAt, endsAt);
      sessions = await openVolunteerSessions(engine, volunteers);
    },
    endpoints(workerSession: Session): Record<string, VolunteeringEndpoint> {
      return {
        // The session given here is replaced per request by the volunteer's own.
        'activity check-in': {
          session: workerSession,
          method: 'POST',
          path: () => '/api/m/activities/check-in',
          setup: checkinRequests(
            () => pairs,
            () => sessions,
            keys,
          ),
          onBody: firstRefusals('activity check-in'),
        },
        'supermarket redemption': {
          session: workerSession,
          method: 'POST',
          path: () => '/api/supermarket/redemptions',
          setup: redemptionRequests(volunteers, keys),
          onBody: firstRefusals('supermarket redemption'),
        },
      };
    },
    info: {
      volunteers: VOLUNTEERS,
      activities: ACTIVITIES,
      signUps: pairs.length,
      generated: generation.generated,
      generationSeconds: generation.seconds,
    },
  };
}
