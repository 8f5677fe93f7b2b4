// The raw-SQL floor of each workload: the statements the endpoint's code path sends, taken from the server's own
// repository functions through a recording Drizzle handle (so the SQL text is exactly the server's), then replayed
// with the bare driver (pg.Pool / PGlite) — no HTTP, no session lookup, no JSON, no audit of reads.
import { randomUUID } from 'node:crypto';
import { findClient, visibleClients } from '../../apps/server/src/modules/care/clients/clients.repository';
import {
  clientAssessments,
  clientTierChanges,
  clientVisits,
  clientEventsOf,
  clientCases,
  clientReferrals,
} from '../../apps/server/src/modules/care/clients/client-history.repository';
import {
  householdVisitFacts,
  worklistPage,
  worklistTotals,
} from '../../apps/server/src/modules/care/visits/visits.repository';
import {
  assignedTieredClients,
  openTasksOwnedBy,
  referralsWaitingOn,
} from '../../apps/server/src/modules/care/home/home.repository';
import { HOME_LIST_SIZE, OVERDUE_TOP_DEFAULT, WORKLIST_PAGE_SIZE } from '../../packages/contracts/src/care';
import {
  dashboardAggregates,
  dashboardSource,
  ensureOverdueRollup,
  foldRollups,
  overdueBucketsNaive,
  onTimeByTierNaive,
} from '../../apps/server/src/modules/care/supervision/supervision.repository';
import { minorBornAfter } from '../../apps/server/src/modules/care/clients/clients.policy';
import {
  forEachClientInListOrder,
  listAreasInScopeForLedger,
} from '../../apps/server/src/modules/care/ledger/ledger.repository';
import { findUserById } from '../../apps/server/src/modules/users';
import { addDays, isoWeekEnd } from '../../apps/server/src/platform/dates';
import { scopeCommunities } from '../../apps/server/src/platform/access';
import { policyFor } from '../../apps/server/src/modules/care/policies/planning';
import type { Captured, Engine } from './engine';

export interface Who {
  id: string;
  username: string;
  roles: string[];
  prefixes: string[];
  seesAllMinors: boolean;
}

type Q = (c: Captured) => Promise<unknown>;
const sub = (c: Captured, from: string, to: string): Captured => ({
  sql: c.sql,
  params: c.params.map((p) => (p === from ? to : p)),
});

function worklistFilter(who: Who, today: string, now: Date) {
  return {
    assigneeId: who.id,
    until: isoWeekEnd(today),
    visibility: {
      prefixes: who.prefixes,
      actorId: who.id,
      seesAllMinors: who.seesAllMinors,
      minorBornAfter: minorBornAfter(now),
    },
  };
}

/** Worklist: GET /api/care/worklist (scope mine, first page): the three totals, then each list's first page. */
export async function captureWorklist(
  engine: Engine,
  who: Who,
  today: string,
  now: Date,
): Promise<(run: Q) => Promise<void>> {
  const { db, log } = engine.capturing();
  const filter = worklistFilter(who, today, now);
  await worklistTotals(db, filter, today);
  for (const bucket of ['overdue', 'dueToday', 'thisWeek'] as const)
    await worklistPage(db, filter, { bucket, today, limit: WORKLIST_PAGE_SIZE, offset: 0 });
  return async (run) => {
    for (const q of log) await run(q);
  };
}

/** The worker's 工作台 (GET /api/care/home): worklist totals and next visits, reassessments, tasks, referrals. */
export async function captureHome(
  engine: Engine,
  who: Who,
  today: string,
  now: Date,
): Promise<(run: Q) => Promise<void>> {
  const { db, log } = engine.capturing();
  const filter = worklistFilter(who, today, now);
  const visibleClient = visibleClients(filter.visibility);
  await Promise.all([
    worklistTotals(db, filter, today),
    assignedTieredClients(db, visibleClient, who.id),
    openTasksOwnedBy(db, visibleClient, who.id, HOME_LIST_SIZE),
    referralsWaitingOn(db, visibleClient, who.id, HOME_LIST_SIZE),
  ]);
  const parallel = log.length;
  await worklistPage(db, filter, { bucket: 'overdue', today, limit: 8, offset: 0 });
  await worklistPage(db, filter, { bucket: 'dueToday', today, limit: 8, offset: 0 });
  await policyFor(db, who.prefixes[0]!);
  const first = log.slice(0, parallel);
  const then = log.slice(parallel);
  return async (run) => {
    await Promise.all(first.map((c) => run(c)));
    for (const q of then) await run(q);
  };
}

/** Client detail: the client row, then nine queries in parallel (as ClientsService.detail does; the policy dates the reassessment). The names of the timeline's staff are one more query on the server, not replayed here. The history reads name the sample's community too: the replayed clients are the same worker's, in the same community. */
export async function captureDetail(
  engine: Engine,
  sampleClient: string,
  assigneeId: string,
  scopePrefixes: readonly string[],
): Promise<(run: Q, clientId: string) => Promise<void>> {
  const { db, log } = engine.capturing();
  // As ClientsService.detail: the actor's communities narrow the lookup (one shard group on Citus).
  const client = await findClient(db, sampleClient, scopeCommunities(scopePrefixes));
  await Promise.all([
    clientAssessments(db, client!),
    clientTierChanges(db, client!),
    clientVisits(db, client!),
    findUserById(db, assigneeId),
    clientEventsOf(db, client!),
    clientCases(db, client!),
    clientReferrals(db, client!),
    policyFor(db, client!.areaCode),
    householdVisitFacts(db, client!),
  ]);
  const [first, ...rest] = log;
  return async (run, clientId) => {
    await run(sub(first!, sampleClient, clientId));
    await Promise.all(rest.map((c) => run(sub(c, sampleClient, clientId))));
  };
}

/**
 * Supervisor dashboard (GET /api/care/overdue): the four rollup aggregates (labels joined in) in parallel. The daily
 * rollup rebuild runs once before capture, as the server's first request does.
 */
export async function captureDashboard(engine: Engine, who: Who, today: string): Promise<(run: Q) => Promise<void>> {
  const { db, log } = engine.capturing();
  await ensureOverdueRollup(db, today);
  await dashboardSource(db, who.prefixes); // asked once per handle (is this Citus?), not part of each request
  const ensured = log.length;
  // The endpoint's own list length (its default ?top), so the floor and the endpoint read the same rows.
  await dashboardAggregates(db, who.prefixes, today, OVERDUE_TOP_DEFAULT);
  const queries = log.slice(ensured);
  return async (run) => {
    await Promise.all(queries.map(run));
  };
}

/**
 * Whether the dashboard's rollups equal the naive aggregate over `visits` for a jurisdiction (the benchmark's
 * correctness check), and how long the naive aggregate takes for comparison.
 */
export async function compareDashboardWithNaive(engine: Engine, who: Who, today: string) {
  const { db } = engine.capturing();
  await ensureOverdueRollup(db, today);
  // A district's dashboard on Citus reads the folded copy (migration 0041): fold what an earlier run left first.
  await foldRollups(db);
  const byKey = (rows: { key: unknown; label?: unknown }[]) =>
    JSON.stringify(
      [...rows]
        .map(({ label: _label, ...counts }) => counts)
        .sort((a, b) => String(a.key).localeCompare(String(b.key))),
    );
  const byTier = (rows: { tier: string }[]) => JSON.stringify([...rows].sort((a, b) => a.tier.localeCompare(b.tier)));
  const rollup = await dashboardAggregates(db, who.prefixes, today);
  const started = performance.now();
  const naive = {
    byWorker: await overdueBucketsNaive(db, who.prefixes, today, 'assignee_id'),
    byGrid: await overdueBucketsNaive(db, who.prefixes, today, 'grid_code'),
    byCommunity: await overdueBucketsNaive(db, who.prefixes, today, 'area_code'),
    onTime: await onTimeByTierNaive(db, who.prefixes, today),
  };
  const naiveMs = performance.now() - started;
  const equal =
    byKey(rollup.byWorker.rows) === byKey(naive.byWorker) &&
    byKey(rollup.byGrid.rows) === byKey(naive.byGrid) &&
    byKey(rollup.byCommunity.rows) === byKey(naive.byCommunity) &&
    rollup.byWorker.groups === naive.byWorker.length &&
    byTier(rollup.onTime) === byTier(naive.onTime);
  return { equal, naiveMs, overdueVisits: naive.byCommunity.reduce((n, r) => n + r.d1to7 + r.d8to30 + r.over30, 0) };
}

/**
 * Ledger export: areas in scope, then the filtered list through one server-side cursor (DECLARE, FETCH 2000 until
 * a short batch, CLOSE) in a transaction on one connection, as forEachClientInListOrder does. The raw side only
 * fetches the rows; the endpoint also masks them and writes the .xlsx.
 */
export async function captureExport(
  engine: Engine,
  who: Who,
  communityCode: string,
  now: Date,
): Promise<(run: Q) => Promise<void>> {
  const { db, log } = engine.capturing();
  await listAreasInScopeForLedger(db, who.prefixes);
  const areasQuery = log[0]!;
  const visibility = {
    prefixes: who.prefixes,
    actorId: who.id,
    seesAllMinors: who.seesAllMinors,
    minorBornAfter: minorBornAfter(now),
  };
  await forEachClientInListOrder(db, visibility, { communityCode }, 2000, () => undefined);
  const declare = log.find((c) => /^\s*declare/i.test(c.sql));
  if (!declare) throw new Error('captureExport: no DECLARE captured');
  return async (run) => {
    await run(areasQuery);
    await engine.withConnection(async (q) => {
      await q('BEGIN');
      await q(declare.sql, declare.params);
      for (;;) {
        const rows = await q('FETCH 2000 FROM ledger_rows');
        if (rows.length < 2000) break;
      }
      await q('CLOSE ledger_rows');
      await q('COMMIT');
    });
  };
}

/**
 * Record a visit: the statements VisitsService.record sends for a visit done with no case tasks and no household
 * members (visit + client, the policy, then one transaction: [update, event, supersede], [next visit, its event,
 * audit outbox row]). Written out by hand in the same order, since ids and timestamps differ per call.
 */
export function recordVisitRaw(engine: Engine, who: Who, today: string): (visitId: string) => Promise<string | null> {
  return async (visitId) =>
    engine.withConnection(async (q) => {
      const now = new Date();
      // Same order as VisitsService.record: visit + client in one query, the policy, then the transaction; where the
      // server queues two statements at once (Promise.all), so does this.
      const [row] = await q(
        'SELECT v.*, c.id AS c_id, c.area_code AS c_area_code, c.grid_code AS c_grid_code, c.assignee_id AS c_assignee_id, c.tier AS c_tier FROM visits v JOIN clients c ON c.id = v.client_id AND c.area_code = v.area_code WHERE v.id = $1 AND v.area_code = ANY($2::text[])',
        [visitId, who.prefixes],
      );
      if (!row || row.status !== 'planned') return null;
      const client = {
        id: row.c_id,
        area_code: row.c_area_code,
        grid_code: row.c_grid_code,
        assignee_id: row.c_assignee_id,
        tier: row.c_tier,
      };
      const area = String(client.area_code);
      await q('SELECT * FROM tier_policies WHERE area_code IN ($1, $2) ORDER BY version DESC', [
        area,
        `${area.slice(0, 6)}000000`,
      ]);
      await q('BEGIN');
      try {
        const next = randomUUID();
        const cadence = { red: 7, yellow: 30, blue: 365 }[String(client.tier) as 'red'] ?? 30;
        const slack = Math.max(1, Math.round(cadence * 0.2));
        const due = addDays(today, cadence);
        await Promise.all([
          q(
            `UPDATE visits SET status = $1, mode = $2, visited_on = $3, done_at = $4, outcome_notes = $5, services = $6, missed_reason = $7, recorded_by = $8, updated_at = $9 WHERE id = $10 AND area_code = $11 AND status = 'planned' RETURNING *`,
            ['done', 'home', today, now.toISOString(), null, '{}', null, who.id, now.toISOString(), visitId, area],
          ),
          q(
            'INSERT INTO visit_events (id, visit_id, area_code, status, note, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [randomUUID(), visitId, area, 'done', null, who.id, now.toISOString()],
          ),
          q(
            `UPDATE visits SET status = 'superseded', updated_at = $1 WHERE client_id = $2 AND area_code = $3 AND status = 'planned' RETURNING id`,
            [now.toISOString(), client.id, area],
          ),
        ]);
        // The 'care.visit.recorded' event into the module outbox (platform/events.ts), as the server writes it.
        await q(
          `INSERT INTO event_outbox (type, area_code, payload, actor_id, created_at, processed_at) VALUES ($1, $2, $3, $4, $5, $5)`,
          [
            'care.visit.recorded',
            area,
            JSON.stringify({ visitId, clientId: client.id, outcome: 'done', visitedOn: today, caseTaskIds: [] }),
            who.id,
            now.toISOString(),
          ],
        );
        // The next visit, its event and the audit row (into the outbox, ADR 0005) go out together.
        await Promise.all([
          q(
            `INSERT INTO visits (id, client_id, area_code, grid_code, assignee_id, window_start, due_date, window_end, mode, status, tier, policy_id, visited_on, done_at,
            outcome_notes, services, missed_reason, recorded_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'home', 'planned', $9, NULL, NULL, NULL, NULL, '{}', NULL, NULL, $10, $10) RETURNING *`,
            [
              next,
              client.id,
              area,
              client.grid_code,
              client.assignee_id,
              addDays(due, -slack),
              due,
              addDays(due, slack),
              client.tier,
              now.toISOString(),
            ],
          ),
          q(
            'INSERT INTO visit_events (id, visit_id, area_code, status, note, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [randomUUID(), next, area, 'planned', null, who.id, now.toISOString()],
          ),
          // Through audit_enqueue() like the server (ADR 0006: the application role may not insert into the outbox).
          q(
            `SELECT audit_enqueue($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])`,
            [
              [now.toISOString()],
              [who.id],
              [who.username],
              [who.roles[0] ?? null],
              [`{${who.prefixes.join(',')}}`],
              ['visit.record'],
              ['visit'],
              [`{${visitId},${String(client.id)}}`],
              ['{outcome,notes,services}'],
              ['success'],
              ['127.0.0.1'],
              ['bench'],
              [null],
            ],
          ),
        ]);
        await q('COMMIT');
        return next;
      } catch (error) {
        await q('ROLLBACK');
        throw error;
      }
    });
}

export interface LoadResult {
  ops: number;
  errors: number;
  seconds: number;
  opsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  concurrency: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `concurrency` loops calling `op` until the deadline (and at least `minOps` in all); latency per op in ms. */
export async function runFor(
  seconds: number,
  concurrency: number,
  op: () => Promise<unknown>,
  minOps = 0,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown = null;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline || latencies.length + errors < minOps) {
      const s = performance.now();
      try {
        await op();
        latencies.push(performance.now() - s);
      } catch (error) {
        errors += 1;
        firstError ??= error;
        if (errors > 50 && latencies.length === 0) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - start) / 1000;
  if (firstError) console.error('  first error:', (firstError as Error).message);
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    errors,
    seconds: elapsed,
    opsPerSec: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    concurrency,
  };
}
