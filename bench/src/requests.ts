// Requests (民生诉求) in the benchmark: the generated catalogue and requests, and the raw-SQL floors of the two
// request workloads — intake (POST /api/requests) and the unit's queue (GET /api/requests/queue).
import { randomUUID } from 'node:crypto';
import { findArea } from '../../apps/server/src/modules/org/areas.repository';
import { findCategory } from '../../apps/server/src/modules/requests/catalogue/catalogue.lookup';
import { ViewLookups } from '../../apps/server/src/modules/requests/request-view';
import {
  insertEvent,
  insertRequest,
  nextRequestNumber,
} from '../../apps/server/src/modules/requests/requests.repository';
import { unitQueue } from '../../apps/server/src/modules/requests/unit-queue.repository';
import {
  DUE_REMINDER_LEAD_MS,
  RATING_WINDOW_MS,
  SIGN_REMINDER_LEAD_MS,
} from '../../apps/server/src/modules/requests/requests.jobs';
import { OPEN } from '../../apps/server/src/modules/requests/requests.tables';
import type { Captured, Engine } from './engine';
import { DISTRICT, type ScaleConfig } from './generate';
import type { Who } from './raw';

type Q = (c: Captured) => Promise<unknown>;

/** One request a year for every ten care clients: 2,000 at community scale, 100,000 at city scale. */
export const REQUESTS_PER_CLIENT = 0.1;
const CATEGORIES = [
  ['road', '道路破损'],
  ['lamp', '路灯损坏'],
  ['drain', '下水道堵塞'],
  ['garbage', '垃圾清运'],
  ['noise', '噪音扰民'],
  ['parking', '乱停乱放'],
  ['greening', '绿化养护'],
  ['water', '供水问题'],
  ['lift', '电梯故障'],
  ['property', '物业服务'],
  ['facility', '公共设施'],
  ['other', '其他'],
] as const;
const categoryId = (n: number) => `c1000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const BENCH_CATEGORY = categoryId(2);

/**
 * The district's catalogue and a year of requests, generated once per dataset (also into a dataset generated before
 * requests existed, so a rerun need not regenerate the clients). Status mix of a working year: most closed and
 * rated, the open ones (待分拣 5%, 待签收 8%, 处理中 10%) from the last 20 days; units mostly the community, some a
 * street department or a grid; signing and resolving late now and then.
 */
export async function ensureRequestData(
  engine: Engine,
  cfg: ScaleConfig,
  today: string,
  log: (s: string) => void,
): Promise<{ requests: number; seconds: number; generated: boolean }> {
  const [have] = await engine.query('SELECT count(*)::int AS n FROM request_categories WHERE area_code = $1', [
    DISTRICT,
  ]);
  if (Number(have?.n ?? 0) > 0) {
    const [n] = await engine.query('SELECT count(*)::int AS n FROM requests');
    await catchUpRequestJobs(engine, log);
    return { requests: Number(n?.n ?? 0), seconds: 0, generated: false };
  }
  const started = performance.now();
  const N = Math.round(cfg.clients * REQUESTS_PER_CLIENT);
  const S = cfg.streets;
  const T = `'${today}'::timestamptz`;
  const values = CATEGORIES.map(([code, name], i) => `('${categoryId(i + 1)}', '${code}', '${name}')`).join(', ');
  await engine.withConnection(async (q) => {
    await q(`
      INSERT INTO request_categories (id, area_code, code, group_name, active, current_version, created_at, updated_at)
        SELECT id::uuid, '${DISTRICT}', code, '市政', true, 1, ${T} - interval '400 days', ${T} - interval '400 days'
        FROM (VALUES ${values}) v(id, code, name);
      INSERT INTO request_category_versions (category_id, version, area_code, name, questions, default_urgency,
          sign_working_days, resolve_working_days, created_at)
        SELECT id::uuid, 1, '${DISTRICT}', name, '[]'::jsonb, 'normal', 1, 5, ${T} - interval '400 days'
        FROM (VALUES ${values}) v(id, code, name);`);
    await q(`
      INSERT INTO requests (id, area_code, number, channel, category_id, category_version, description, urgency, status,
        requester_name_masked, requester_phone_masked, unit_kind, unit_area_code, unit_department, unit_label, routed_at,
        sign_due_at, signed_at, due_at, resolved_at, rating, rated_at, created_at, updated_at)
      SELECT ('c2000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, comm, 'BQ' || lpad(i::text, 9, '0'),
        (ARRAY['resident_app','walk_in','phone','visit','hotline_12345','open311'])[1 + bench_h(i * 8 + 1) % 6],
        ('c1000000-0000-4000-8000-' || lpad((1 + bench_h(i * 8 + 2) % ${CATEGORIES.length})::text, 12, '0'))::uuid, 1,
        '基准诉求 ' || i, CASE WHEN bench_h(i * 8 + 3) % 10 = 0 THEN 'urgent' ELSE 'normal' END, st,
        '张*', '138****' || lpad((bench_h(i * 8 + 4) % 10000)::text, 4, '0'),
        CASE WHEN routed THEN uk END, CASE WHEN routed THEN ua END, CASE WHEN routed AND uk = 'street_department' THEN '城管科' END,
        CASE WHEN routed THEN ul END, CASE WHEN routed THEN created + interval '2 hours' END,
        CASE WHEN routed THEN created + interval '1 day' END,
        CASE WHEN st IN ('in_progress', 'resolved', 'closed') THEN created + (2 + bench_h(i * 8 + 5) % 34) * interval '1 hour' END,
        CASE WHEN routed THEN created + interval '7 days' END,
        CASE WHEN st IN ('resolved', 'closed') THEN created + (6 + bench_h(i * 8 + 6) % 220) * interval '1 hour' END,
        CASE WHEN st = 'closed' THEN (ARRAY['satisfied','satisfied','satisfied','satisfied','satisfied','satisfied',
          'basically_satisfied','basically_satisfied','dissatisfied','unrated'])[1 + bench_h(i * 8 + 7) % 10] END,
        CASE WHEN st = 'closed' THEN created + interval '9 days' END,
        created, created
      FROM generate_series(0, ${N - 1}) i
      CROSS JOIN LATERAL (SELECT '990100' || lpad((i % ${cfg.communities} % ${S} + 1)::text, 3, '0')
          || lpad((i % ${cfg.communities} / ${S} + 1)::text, 3, '0') AS comm, bench_h(i * 8) % 100 AS h) a
      CROSS JOIN LATERAL (SELECT CASE WHEN h < 5 THEN 'submitted' WHEN h < 13 THEN 'assigned' WHEN h < 23 THEN 'in_progress'
          WHEN h < 30 THEN 'resolved' WHEN h < 93 THEN 'closed' WHEN h < 98 THEN 'rejected' ELSE 'merged' END AS st) s
      CROSS JOIN LATERAL (SELECT s.st NOT IN ('submitted', 'rejected', 'merged') AS routed,
          ${T} - (CASE WHEN s.st IN ('submitted', 'assigned', 'in_progress') THEN bench_h(i * 8 + 9) % 20
                       ELSE 20 + bench_h(i * 8 + 9) % 345 END) * interval '1 day'
               - (bench_h(i * 8 + 10) % 86400) * interval '1 second' AS created,
          CASE bench_h(i * 8 + 11) % 20 WHEN 0 THEN 'street_department' WHEN 1 THEN 'grid' ELSE 'community' END AS uk) u
      CROSS JOIN LATERAL (SELECT CASE u.uk WHEN 'street_department' THEN substr(a.comm, 1, 9) || '000'
          WHEN 'grid' THEN a.comm || '001' ELSE a.comm END AS ua,
          CASE u.uk WHEN 'street_department' THEN '街道城管科' WHEN 'grid' THEN '第1网格' ELSE '社区' END AS ul) w;
      ANALYZE requests;`);
  });
  await catchUpRequestJobs(engine, log);
  const seconds = (performance.now() - started) / 1000;
  log(`  requests: ${N} in ${seconds.toFixed(1)} s (${CATEGORIES.length} categories)`);
  return { requests: N, seconds, generated: true };
}

/** The unit's queue: GET /api/requests/queue's queries (rows, count, then the category and community names). */
export async function captureQueue(engine: Engine, who: Who, now: Date): Promise<(run: Q) => Promise<void>> {
  const { db, log } = engine.capturing();
  const unit = { organisationId: null, partner: false, prefixes: who.prefixes, streetOfficer: false };
  const { rows } = await unitQueue(db, unit, now, { page: 1, pageSize: 20 });
  await new ViewLookups(db).load(rows);
  const queries = [...log];
  return async (run) => {
    for (const c of queries) await run(c);
  };
}

class Rollback extends Error {}
const sub = (c: Captured, pairs: [unknown, unknown][]): Captured => ({
  sql: c.sql,
  params: c.params.map((p) => pairs.find(([from]) => from === p)?.[1] ?? p),
});

/**
 * Intake: the statements intakeRequest sends for a request without photos — the community and the category (reads),
 * then one transaction: the day's number counter, the request, its first event and the audit row into the outbox.
 * Captured from the server's own repository functions (in a transaction rolled back), replayed with fresh ids.
 */
export async function captureIntake(
  engine: Engine,
  who: Who,
  communityCode: string,
  today: string,
): Promise<() => Promise<void>> {
  const { db, log } = engine.capturing();
  await findArea(db, communityCode);
  await findCategory(db, DISTRICT, BENCH_CATEGORY);
  const reads = log.splice(0);
  const sample = { id: randomUUID(), event: randomUUID(), number: '' };
  const now = new Date();
  try {
    await db.transaction(async (tx) => {
      sample.number = await nextRequestNumber(tx, today);
      await insertRequest(tx, {
        id: sample.id,
        areaCode: communityCode,
        number: sample.number,
        channel: 'walk_in',
        categoryId: BENCH_CATEGORY,
        categoryVersion: 1,
        attributes: {},
        description: '基准代录诉求',
        urgency: 'normal',
        status: 'submitted',
        requesterNameMasked: '张*',
        requesterPhoneMasked: '138****1234',
        createdBy: who.id,
        createdAt: now,
        updatedAt: now,
      });
      await insertEvent(tx, {
        id: sample.event,
        requestId: sample.id,
        areaCode: communityCode,
        kind: 'created',
        detail: { channel: 'walk_in' },
        actorId: who.id,
        at: now,
      });
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  const [counter, request, event] = log.filter((c) => !/^\s*(begin|commit|rollback|savepoint|release)/i.test(c.sql));
  if (!counter || !request || !event) throw new Error('captureIntake: statements not captured');
  return () =>
    engine.withConnection(async (q) => {
      for (const c of reads) await q(c.sql, c.params);
      await q('BEGIN');
      try {
        const [row] = await q(counter.sql, counter.params);
        const number = `SQ${today.replaceAll('-', '')}${String(row?.last ?? 0).padStart(4, '0')}`;
        const id = randomUUID();
        const at = new Date().toISOString();
        await q(
          request.sql,
          sub(request, [
            [sample.id, id],
            [sample.number, number],
          ]).params,
        );
        await q(
          event.sql,
          sub(event, [
            [sample.event, randomUUID()],
            [sample.id, id],
          ]).params,
        );
        // Through audit_enqueue() like the server (ADR 0006).
        await q(
          `SELECT audit_enqueue($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])`,
          [
            [at],
            [who.id],
            [who.username],
            [who.roles[0] ?? null],
            [`{${who.prefixes.join(',')}}`],
            ['requests.intake'],
            ['request'],
            [`{${id}}`],
            ['{description,requesterName,requesterPhone}'],
            ['success'],
            ['127.0.0.1'],
            ['bench'],
            [null],
          ],
        );
        await q('COMMIT');
      } catch (error) {
        await q('ROLLBACK');
        throw error;
      }
    });
}

/** The intake body the endpoint is given (a walk-in with the requester's name and phone, encrypted by the server). */
export function intakeBody(communityCode: string): string {
  return JSON.stringify({
    channel: 'walk_in',
    communityCode,
    categoryId: BENCH_CATEGORY,
    description: '小区东门路灯不亮，夜间出行不便',
    requesterName: '张三',
    requesterPhone: '13800001234',
  });
}

/**
 * What the requests module's jobs (requests.jobs.ts) would have done by now in a running installation: reminded
 * before the sign and resolve deadlines, escalated the breaches, closed as 未评价 what was resolved over 7 days ago.
 * A freshly generated year holds ~11,000 open requests past their deadline at city scale; without this the first
 * server of a run worked through them 500 a job run (~13 ms each) while the first workloads were being measured
 * (worklist 83 instead of 170 req/s). The stamps only (no events or notifications: no workload reads them). Run on
 * every start, so a dataset reused on a later day is caught up too.
 */
async function catchUpRequestJobs(engine: Engine, log: (s: string) => void): Promise<void> {
  // The jobs' own lead times and open statuses, so the two cannot drift apart.
  const before = (column: string, ms: number) => `${column} - interval '${ms} milliseconds'`;
  const open = `status IN (${OPEN.map((s) => `'${s}'`).join(', ')})`;
  const stamps: CatchUp[] = [
    {
      column: 'sign_reminded_at',
      value: before('sign_due_at', SIGN_REMINDER_LEAD_MS),
      where: `status = 'assigned' AND sign_reminded_at IS NULL AND ${before('sign_due_at', SIGN_REMINDER_LEAD_MS)} <= now()`,
    },
    {
      column: 'due_reminded_at',
      value: before('due_at', DUE_REMINDER_LEAD_MS),
      where: `${open} AND due_reminded_at IS NULL AND ${before('due_at', DUE_REMINDER_LEAD_MS)} <= now()`,
    },
    { column: 'escalated_at', value: 'due_at', where: `${open} AND escalated_at IS NULL AND due_at < now()` },
    {
      column: 'updated_at',
      value: `resolved_at + interval '${RATING_WINDOW_MS} milliseconds'`,
      also: `status = 'closed', rating = 'unrated'`,
      where: `status = 'resolved' AND ${before('now()', RATING_WINDOW_MS)} > resolved_at`,
    },
  ];
  const counts = await engine.withConnection(async (q) => {
    const stamped: number[] = [];
    for (const stamp of stamps) stamped.push(await catchUp(q, stamp));
    return stamped;
  });
  if (counts.some((n) => n > 0))
    log(
      `  requests' jobs caught up: ${counts[0]} sign and ${counts[1]} resolve reminders, ${counts[2]} escalations, ${counts[3]} closed unrated`,
    );
}

/** One of catchUpRequestJobs' stamps: `column` set to `value` (and `also`) on the rows `where` selects. */
interface CatchUp {
  column: string;
  value: string;
  also?: string;
  where: string;
}

/**
 * One stamp as one UPDATE; on a Citus cluster, which refuses a STABLE function over a column in an UPDATE across
 * shards (timestamptz − interval is one: it depends on the time zone), the values are read first and each row is
 * written by its key (a few thousand rows on a year-old city, once per data set).
 */
async function catchUp(
  q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>,
  { column, value, also, where }: CatchUp,
): Promise<number> {
  const set = `${column} = ${value}${also ? `, ${also}` : ''}`;
  try {
    const [row] = await q(
      `WITH u AS (UPDATE requests SET ${set} WHERE ${where} RETURNING 1) SELECT count(*)::int AS n FROM u`,
    );
    return Number(row?.n ?? 0);
  } catch (error) {
    if (!/STABLE functions used in UPDATE queries/.test(String((error as Error).message))) throw error;
  }
  const rows = await q(`SELECT id, area_code, ${value} AS v FROM requests WHERE ${where}`);
  for (const row of rows)
    await q(`UPDATE requests SET ${column} = $1${also ? `, ${also}` : ''} WHERE id = $2 AND area_code = $3`, [
      row.v,
      row.id,
      row.area_code,
    ]);
  return rows.length;
}
