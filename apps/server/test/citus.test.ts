import { CareHome, ClientDetail, ClientList, OverdueQueue, RecordVisitResult, Worklist } from '@linli/contracts';
import { ActivityCreated, ConfirmResult, Roster } from '@linli/contracts/modules/activities';
import {
  MyPoints,
  PointAccountList,
  PointAdjustResult,
  PointCommunitySummary,
  PointStatement,
} from '@linli/contracts/modules/points';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { GLOBAL, isDistributed } from '../src/db/distribution';
import { describeFanOut, isExplainable, taskCounts } from '../src/platform/citus-explain';
import { assess, createClient } from './factories/care';
import { buildOrg } from './factories/org';
import { activityBody } from '../src/modules/activities/activities.test-kit';
import { makeVolunteer } from '../src/modules/volunteers/volunteers.test-kit';
import { TEST_CITUS } from './database';
import { signedIn, useTestApp } from './harness';

// Linli on a Citus cluster (issue 14, ADR 0009): run with LINLI_TEST_CITUS=1 and TEST_DATABASE_URL on the coordinator
// of shared/vendor/citus/cluster.sh (`.ci/run` does). Elsewhere the file is skipped.

/** Every statement the app sends while `recording` is set, with its parameters (node-postgres is the only driver). */
const recorded: { text: string; values: unknown[] }[] = [];
let recording = false;
const originalQuery = pg.Client.prototype.query;
const rawQuery = originalQuery as unknown as (
  this: pg.Client,
  text: string,
  values?: unknown[],
) => Promise<pg.QueryResult<Record<string, unknown>>>;
if (TEST_CITUS) {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text?: string; values?: unknown[] }, unknown];
    if (recording) {
      const text = typeof first === 'string' ? first : (first?.text ?? '');
      const values = typeof first === 'string' ? second : (first?.values ?? second);
      recorded.push({ text, values: Array.isArray(values) ? values : [] });
    }
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}
afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function ownerQuery<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: t.testDb.url! });
  await client.connect();
  try {
    return (await rawQuery.call(client, text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Reads that reach every shard by design (ADR 0009, "lookups by a key other than the area"): a person's own export
 * requests, wherever they asked for them, are found by requester.
 */
const BY_DESIGN = [/^select .* from "export_requests" where /s];

/** The statements among `statements` that Citus runs as more than one task (EXPLAIN's "Task Count"). */
async function multiShard(statements: { text: string; values: unknown[] }[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: t.testDb.url! });
  await client.connect();
  const found: string[] = [];
  try {
    await rawQuery.call(client, 'SET ROLE linli_app');
    for (const s of statements) {
      if (!isExplainable(s.text) || BY_DESIGN.some((re) => re.test(s.text))) continue;
      const explained = await rawQuery.call(client, `EXPLAIN ${s.text}`, s.values).catch((error: Error) => {
        throw new Error(`EXPLAIN ${s.text.slice(0, 300)} [${s.values.length} values]: ${error.message}`);
      });
      const tasks = taskCounts(explained.rows);
      if (tasks.some((n) => n > 1)) found.push(describeFanOut(s.text, tasks));
    }
  } finally {
    await client.end();
  }
  return found;
}

describe.skipIf(!TEST_CITUS)('Linli on a Citus cluster (issue 14)', () => {
  it('places every table as src/db/distribution.ts says: distributed by area_code with clients, reference, or coordinator', async () => {
    const rows = await ownerQuery<{
      name: string;
      method: string;
      key: string | null;
      repmodel: string;
      colocated: boolean;
    }>(
      `SELECT c.relname AS name, p.partmethod AS method, column_to_column_name(p.logicalrelid, p.partkey) AS key,
              p.repmodel, p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'clients'::regclass) AS colocated
       FROM pg_class c LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       ORDER BY 1`,
    );
    const wrong = rows.filter((r) => {
      if (isDistributed(r.name)) return !(r.method === 'h' && r.key === 'area_code' && r.colocated);
      const placement = GLOBAL[r.name]?.[0];
      if (placement === 'reference') return !(r.method === 'n' && r.repmodel === 't');
      if (placement === 'plain') return r.method !== null; // not known to Citus at all
      return !(r.method === 'n' && r.repmodel === 's'); // a Citus-managed table on the coordinator
    });
    expect(wrong.map((r) => `${r.name}: ${r.method}/${r.key}/${r.repmodel}`)).toEqual([]);
    expect(rows.filter((r) => isDistributed(r.name)).length).toBeGreaterThan(40);
  });

  it("keeps a community worker's and supervisor's pages on one shard group", async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
    const supervisor = (await signedIn(t, ['community_supervisor'], [org.communityA])).client;
    const client = await createClient(worker, org.communityA);
    await assess(worker, client.id, 'red');
    // The day's first dashboard rebuilds the overdue rollup (every shard, once a day): not a page's own reads.
    await supervisor.getAs(OverdueQueue, '/api/care/overdue');

    recording = true;
    const list = await worker.getAs(Worklist, '/api/care/worklist');
    const visit = [...list.overdue, ...list.dueToday, ...list.thisWeek].find((v) => v.clientId === client.id)!;
    await worker.getAs(ClientList, '/api/care/clients');
    await worker.getAs(ClientList, '/api/care/clients?overdue=true');
    await worker.getAs(ClientDetail, `/api/care/clients/${client.id}`);
    await worker.postAs(RecordVisitResult, `/api/care/visits/${visit.id}/record`, {
      outcome: 'done',
      mode: 'home',
      visitedOn: '2026-03-02',
    });
    await worker.getAs(CareHome, '/api/care/home');
    await supervisor.getAs(OverdueQueue, '/api/care/overdue');
    await supervisor.getAs(CareHome, '/api/care/home');
    // The team's request queue: its own community's requests and those sent to it from others (migration 0043).
    for (const who of [worker, supervisor]) expect((await who.get('/api/requests/queue')).statusCode).toBe(200);
    recording = false;

    expect(recorded.length).toBeGreaterThan(10);
    expect(await multiShard(recorded)).toEqual([]);
  });
  it("keeps a worker's love-bank pages, an award and the volunteer's own /m page on one shard group", async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
    const volunteer = await makeVolunteer(t.app, org.communityA, worker);
    // The first award creates the issuer's and the volunteer's accounts (a lookup by owner before the insert).
    await worker.postAs(PointAdjustResult, '/api/points/adjustments', {
      volunteerId: volunteer.volunteerId,
      points: 20,
      reason: '首次奖励',
    });

    recorded.length = 0;
    recording = true;
    const award = await worker.postAs(PointAdjustResult, '/api/points/adjustments', {
      volunteerId: volunteer.volunteerId,
      points: 30,
      reason: '优秀志愿者表彰',
    });
    const accounts = await worker.getAs(PointAccountList, '/api/points/accounts');
    await worker.getAs(PointAccountList, `/api/points/accounts?areaCode=${org.communityA}&kind=volunteer`);
    const statement = await worker.getAs(PointStatement, `/api/points/volunteers/${volunteer.volunteerId}`);
    await worker.getAs(PointStatement, `/api/points/statement?accountId=${statement.account.id}`);
    await worker.getAs(PointCommunitySummary, `/api/points/community/${org.communityA}`);
    const mine = await volunteer.client.getAs(MyPoints, '/api/m/points');
    recording = false;

    expect(award.balance).toBe(50);
    expect(accounts.items.map((a) => a.kind).sort()).toEqual(['issuer', 'volunteer']);
    // (Booked at the same instant of the test clock: compared without their order.)
    expect(statement.lines.items.map((l) => `${l.points} ${l.counterpartKind}`).sort()).toEqual([
      '20 issuer',
      '30 issuer',
    ]);
    expect(mine.balance).toBe(50);
    expect(await multiShard(recorded)).toEqual([]);
  });
  it("keeps an organiser's confirmation of served hours on one shard group but for three per-volunteer sums", async () => {
    const HOUR = 3_600_000;
    const org = await buildOrg(t.app.ctx);
    const worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
    const start = new Date(t.clock.now().getTime() + HOUR);
    const activity = await worker.postAs(ActivityCreated, '/api/activities', activityBody(org.communityA, start));
    const volunteer = await makeVolunteer(t.app, org.communityA, worker);
    await volunteer.client.post(`/api/m/activities/${activity.id}/signup`, { roleId: activity.roles[0]!.id });
    // The community's and the volunteer's points accounts exist already (the first use of an account also looks
    // for it in every community once, for a volunteer who moved: not the steady state measured here).
    await worker.postAs(PointAdjustResult, '/api/points/adjustments', {
      volunteerId: volunteer.volunteerId,
      points: 5,
      reason: '首次奖励',
    });
    t.clock.advance(4 * HOUR);
    await worker.relogin();
    const [signup] = (await worker.getAs(Roster, `/api/activities/${activity.id}/roster`)).items;
    await worker.post(`/api/activities/participations/${signup!.id}/attendance`, { state: 'attended' });

    recorded.length = 0;
    recording = true;
    const done = await worker.postAs(ConfirmResult, `/api/activities/${activity.id}/confirm`, {});
    recording = false;

    expect(done.confirmed).toBe(1);
    // What still reads every shard, by design until a per-volunteer total lives in the volunteer's home community
    // (ADR 0009, "Not done yet"): the monthly points cap, the cumulative hours and the star levels held, each summed
    // over the communities where the volunteer served.
    expect((await multiShard(recorded)).map((s) => /from "?(\w+)"?/.exec(s)?.[1])).toEqual([
      'point_earnings',
      'hour_entries',
      'hour_star_events',
    ]);
  });
  it("answers a street or district officer's overdue dashboard from the coordinator, without a task on any shard", async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
    const street = (await signedIn(t, ['street_officer'], [org.streetA])).client;
    const district = (await signedIn(t, ['district_officer'], [org.district])).client;
    const client = await createClient(worker, org.communityA);
    await assess(worker, client.id, 'red');
    await street.getAs(OverdueQueue, '/api/care/overdue'); // the day's rebuild, as above

    recorded.length = 0;
    recording = true;
    await street.getAs(OverdueQueue, '/api/care/overdue');
    await district.getAs(OverdueQueue, '/api/care/overdue');
    recording = false;

    const dashboard = recorded.filter((s) => /care_(overdue|ontime)_/.test(s.text));
    expect(dashboard.length).toBe(4); // two statements each: the three groupings at once, and the on-time rates
    // The on-time copy (0041) and the overdue rows per group (0042), never the distributed rollups or deltas.
    expect(
      dashboard.map((s) => /care_(ontime_summary|overdue_by_group)/.test(s.text) && !/_(rollup|delta)\b/.test(s.text)),
    ).toEqual(dashboard.map(() => true));
    // Those are plain tables on the coordinator (the labels are read apart, by key): no task on any shard.
    expect(await multiShard(dashboard)).toEqual([]);
  });
});
