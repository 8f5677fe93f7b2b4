// Deterministic dataset, loaded with set-based SQL (INSERT … SELECT generate_series), never row by row.
// Every value is a function of the row number through hashint8, so the same scale gives the same data on the
// same engine (dates are relative to the generation day, recorded in bench_marker).
import { DEFAULT_TIER_POLICY } from '../../packages/contracts/src/care';
import { hashPassword } from '../../apps/server/src/modules/users/password-hash';
import type { Engine } from './engine';

export interface ScaleConfig {
  scale: string;
  clients: number;
  communities: number;
  streets: number;
  gridsPerCommunity: number;
  /** The dataset's layout: a dataset of another layout is generated again, not reused (2 = realistic caseloads). */
  layout: number;
}

export const SCALES: Record<string, ScaleConfig> = {
  community: { scale: 'community', clients: 20_000, communities: 1, streets: 1, gridsPerCommunity: 8, layout: 2 },
  city: { scale: 'city', clients: 1_000_000, communities: 100, streets: 4, gridsPerCommunity: 8, layout: 2 },
};

export const BENCH_PASSWORD = 'Bench-Linli-2026!pw';
export const DISTRICT = '990100000000';
/** An extra community with no generated clients: the ledger import writes there, so reruns keep the measured communities unchanged. */
export const IMPORT_COMMUNITY = { code: '990100001999', name: '基准导入社区', worker: 'bwimport' };
/**
 * The stress case, measured as its own row: one worker holding 10,000 clients in a community of their own (no real
 * worker has that; it shows the pages stay bounded). The scale's own communities have realistic caseloads.
 */
export const STRESS = { code: '990100001998', name: '基准压力社区', worker: 'bwstress', clients: 10_000 };
/** A realistic caseload: every grid has ceil(clients in grid / this) workers, each holding 80–300 clients. */
export const CASELOAD_TARGET = 200;

export function streetCode(s: number): string {
  return `990100${String(s).padStart(3, '0')}000`;
}
/** Community n (0-based): street n % streets + 1, number n / streets + 1 within it. */
export function communityCode(n: number, streets: number): string {
  return `990100${String((n % streets) + 1).padStart(3, '0')}${String(Math.floor(n / streets) + 1).padStart(3, '0')}`;
}
/**
 * Worker w (0-based) of community n: `bw001` is the first worker of the first community (the one measured), the
 * others `bw001.002`, `bw001.003`, … Workers are grid-aligned: the first ones of a community serve grid 1.
 */
export const workerName = (n: number, w = 0) =>
  `bw${String(n + 1).padStart(3, '0')}${w ? `.${String(w + 1).padStart(3, '0')}` : ''}`;
/** Workers per grid for a scale (realistic caseloads: CASELOAD_TARGET clients each at most, on average). */
export function workersPerGrid(cfg: ScaleConfig): number {
  return Math.max(1, Math.ceil(cfg.clients / cfg.communities / cfg.gridsPerCommunity / CASELOAD_TARGET));
}
export const supervisorName = (n: number) => `bs${String(n + 1).padStart(3, '0')}`;
export const streetOfficerName = (s: number) => `bst${s}`;
export const DISTRICT_OFFICER = 'bdistrict';

const uuid = (prefix: string, n: string) => `('${prefix}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

const SURNAMES = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['高', 'gao'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['许', 'xu'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['邓', 'deng'],
  ['曹', 'cao'],
];
const GIVEN = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂', 'gui'],
  ['英', 'ying'],
  ['华', 'hua'],
  ['玉', 'yu'],
  ['兰', 'lan'],
  ['珍', 'zhen'],
  ['凤', 'feng'],
  ['荣', 'rong'],
  ['文', 'wen'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['志', 'zhi'],
  ['春', 'chun'],
  ['德', 'de'],
  ['福', 'fu'],
  ['淑', 'shu'],
  ['秋', 'qiu'],
  ['海', 'hai'],
  ['云', 'yun'],
];
export const NAME_PARTS = { SURNAMES, GIVEN };
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;

export interface GenerateResult {
  seconds: number;
  steps: { step: string; seconds: number }[];
  counts: Record<string, number>;
}

export async function generate(
  engine: Engine,
  cfg: ScaleConfig,
  today: string,
  log: (s: string) => void,
): Promise<GenerateResult> {
  const steps: { step: string; seconds: number }[] = [];
  const t0 = performance.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD); // one argon2id hash shared by every bench account
  const { red, yellow, blue } = DEFAULT_TIER_POLICY.cadenceDays;
  const slack = (c: number) => Math.max(1, Math.round(c * 0.2));
  const C = cfg.communities;
  const N = cfg.clients;
  const G = cfg.gridsPerCommunity;
  const T = `'${today}'::date`;
  const maxK = Math.floor((365 + red) / red) + 1;
  const WPG = workersPerGrid(cfg);
  const WPC = WPG * G;

  await engine.withConnection(async (q) => {
    // Several statements go as a list when they are DDL: Citus forwards DDL on a distributed table to its shards as
    // the text it was given, and a shard's command must be one statement.
    const step = async (name: string, sqlText: string | string[]) => {
      const s = performance.now();
      for (const text of [sqlText].flat()) await q(text);
      const seconds = (performance.now() - s) / 1000;
      steps.push({ step: name, seconds });
      log(`  ${name}: ${seconds.toFixed(1)} s`);
    };
    // Bulk-load settings for this session only: FK triggers off (the generator guarantees integrity),
    // no synchronous commit, big sort memory for the index builds.
    await q(
      `SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'`,
    );
    // The replica role stays in this session; on a Citus cluster the rows are written by the workers' own sessions,
    // where the visits rollup triggers would fire row by row (each a distributed write): off for the load there too.
    await q('ALTER TABLE visits DISABLE TRIGGER USER');
    await q(
      `CREATE OR REPLACE FUNCTION bench_h(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT hashint8($1)::bigint & 2147483647'`,
    );
    await q(
      `CREATE TABLE IF NOT EXISTS bench_marker (scale text PRIMARY KEY, params jsonb NOT NULL, today date NOT NULL, generated_at timestamptz NOT NULL, seconds numeric, counts jsonb)`,
    );
    // On a Citus coordinator the bench's own table is put on the coordinator's metadata at once, so the server's
    // placement at its next start (platform/citus.ts, which distributes every table it finds unplaced) leaves it be.
    await q(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'bench_marker'::regclass) THEN
          PERFORM citus_add_local_table_to_metadata('bench_marker');
        END IF;
      END IF;
    END $$`);

    await step(
      'areas',
      `
      INSERT INTO areas (code, parent_code, level, name, created_at, updated_at) VALUES ('${DISTRICT}', NULL, 'district', '基准区', now(), now());
      INSERT INTO areas (code, parent_code, level, name, created_at, updated_at)
        SELECT '990100' || lpad(s::text, 3, '0') || '000', '${DISTRICT}', 'street', '基准第' || s || '街道', now(), now() FROM generate_series(1, ${cfg.streets}) s;
      CREATE UNLOGGED TABLE bench_comm AS
        SELECT n, '990100' || lpad((n % ${cfg.streets} + 1)::text, 3, '0') || lpad((n / ${cfg.streets} + 1)::text, 3, '0') AS code,
          ${uuid('a0000000', 'n * 2 + 2')} AS supervisor_id
        FROM generate_series(0, ${C - 1}) n;
      INSERT INTO areas (code, parent_code, level, name, created_at, updated_at)
        SELECT code, substr(code, 1, 9) || '000', 'community', '基准第' || (n + 1) || '社区', now(), now() FROM bench_comm;
      INSERT INTO areas (code, parent_code, level, name, created_at, updated_at)
        VALUES ('${IMPORT_COMMUNITY.code}', '${streetCode(1)}', 'community', '${IMPORT_COMMUNITY.name}', now(), now()),
               ('${STRESS.code}', '${streetCode(1)}', 'community', '${STRESS.name}', now(), now()),
               ('${STRESS.code}001', '${STRESS.code}', 'grid', '第1网格', now(), now());
      -- Workers: WPG per grid, grid-aligned; worker w of community n serves grid w / WPG + 1.
      CREATE UNLOGGED TABLE bench_workers AS
        SELECT c.n, c.code, w, ${uuid('a1000000', `c.n::bigint * ${WPC} + w`)} AS id,
          'bw' || lpad((c.n + 1)::text, 3, '0') || CASE WHEN w = 0 THEN '' ELSE '.' || lpad((w + 1)::text, 3, '0') END AS username
        FROM bench_comm c, generate_series(0, ${WPC - 1}) w;
      INSERT INTO areas (code, parent_code, level, name, created_at, updated_at)
        SELECT c.code || lpad(g::text, 3, '0'), c.code, 'grid', '第' || g || '网格', now(), now() FROM bench_comm c, generate_series(1, ${G}) g;`,
    );

    const insertUser = (id: string, username: string, display: string) =>
      `INSERT INTO users (id, username, display_name, password_hash, password_changed_at, created_at, updated_at) SELECT ${id}, ${username}, ${display}, '${passwordHash}', now(), now(), now()`;
    await step(
      'users',
      `
      ${insertUser('id', 'username', `'社区工作者' || (n + 1) || '-' || (w + 1)`)} FROM bench_workers;
      ${insertUser('supervisor_id', `'bs' || lpad((n + 1)::text, 3, '0')`, `'社区主任' || (n + 1)`)} FROM bench_comm;
      INSERT INTO user_roles SELECT id, 'community_worker' FROM bench_workers UNION ALL SELECT supervisor_id, 'community_supervisor' FROM bench_comm;
      INSERT INTO user_areas SELECT id, code FROM bench_workers UNION ALL SELECT supervisor_id, code FROM bench_comm;
      ${insertUser(uuid('e0000000', '3'), `'${STRESS.worker}'`, `'压力测试工作者'`)};
      INSERT INTO user_roles VALUES (${uuid('e0000000', '3')}, 'community_worker');
      INSERT INTO user_areas VALUES (${uuid('e0000000', '3')}, '${STRESS.code}');
      ${insertUser(uuid('b0000000', 's'), `'bst' || s`, `'街道干部' || s`)} FROM generate_series(1, ${cfg.streets}) s;
      INSERT INTO user_roles SELECT ${uuid('b0000000', 's')}, 'street_officer' FROM generate_series(1, ${cfg.streets}) s;
      INSERT INTO user_areas SELECT ${uuid('b0000000', 's')}, '990100' || lpad(s::text, 3, '0') || '000' FROM generate_series(1, ${cfg.streets}) s;
      ${insertUser(uuid('e0000000', '1'), `'${DISTRICT_OFFICER}'`, `'区民政干部'`)};
      INSERT INTO user_roles VALUES (${uuid('e0000000', '1')}, 'district_officer');
      INSERT INTO user_areas VALUES (${uuid('e0000000', '1')}, '${DISTRICT}');
      ${insertUser(uuid('e0000000', '2'), `'${IMPORT_COMMUNITY.worker}'`, `'导入工作者'`)};
      INSERT INTO user_roles VALUES (${uuid('e0000000', '2')}, 'community_worker');
      INSERT INTO user_areas VALUES (${uuid('e0000000', '2')}, '${IMPORT_COMMUNITY.code}');`,
    );

    // Per-client plan: tier (10/30/60), cadence, the one planned visit's due date (5% overdue), history count K.
    await step(
      'client plan',
      `
      CREATE UNLOGGED TABLE bench_plan AS
      SELECT p.*, (p.due - (${T} - 365)) / p.cad AS k_max FROM (
        SELECT i, t.tier, t.cad, t.slack, c.area_code, c.grid_code, c.worker_id,
          ${uuid('c0000000', 'i')} AS id,
          CASE WHEN bench_h(i * 16 + 2) % 20 = 0 THEN ${T} - t.slack - 1 - (bench_h(i * 16 + 3) % 40)::int
               ELSE ${T} + (bench_h(i * 16 + 3) % t.cad)::int END AS due
        FROM (
          -- Client i of the scale: community i % C, grid (i / C) % G + 1, and within the grid one of its WPG workers.
          SELECT i, bc.code AS area_code, bc.code || lpad(((i / ${C}) % ${G} + 1)::text, 3, '0') AS grid_code, bw.id AS worker_id
          FROM generate_series(0, ${N - 1}) i
          JOIN bench_comm bc ON bc.n = i % ${C}
          JOIN bench_workers bw ON bw.n = bc.n AND bw.w = ((i / ${C}) % ${G}) * ${WPG} + ((i / ${C}) / ${G}) % ${WPG}
          UNION ALL
          SELECT i, '${STRESS.code}', '${STRESS.code}001', ${uuid('e0000000', '3')}
          FROM generate_series(${N}, ${N + STRESS.clients - 1}) i
        ) c
        CROSS JOIN LATERAL (SELECT CASE WHEN h < 10 THEN 'red' WHEN h < 40 THEN 'yellow' ELSE 'blue' END AS tier,
                                   CASE WHEN h < 10 THEN ${red} WHEN h < 40 THEN ${yellow} ELSE ${blue} END AS cad,
                                   CASE WHEN h < 10 THEN ${slack(red)} WHEN h < 40 THEN ${slack(yellow)} ELSE ${slack(blue)} END AS slack
                            FROM (SELECT bench_h(i * 16 + 1) % 100 AS h) x) t
      ) p;`,
    );

    // Indexes are dropped for the load and rebuilt from their own definitions afterwards (faster than maintaining them row by row).
    const indexes = await q(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('clients', 'visits', 'tier_changes', 'assessments') AND indexname NOT LIKE '%_pkey'`,
    );
    // One statement per call: Citus forwards DDL on a distributed table to its shards as the text it was given.
    for (const r of indexes) await q(`DROP INDEX ${String(r.indexname)}`);

    const S = arr(SURNAMES.map((s) => s[0]!));
    const SP = arr(SURNAMES.map((s) => s[1]!));
    const GN = arr(GIVEN.map((s) => s[0]!));
    const GP = arr(GIVEN.map((s) => s[1]!));
    await step(
      'clients',
      `
      INSERT INTO clients (id, area_code, grid_code, name, name_pinyin, name_initials, id_number_masked, sex, birth_date, phone_masked, address,
        categories, tier, tier_since, status, assignee_id, version, created_by, created_at, updated_at)
      SELECT p.id, p.area_code, p.grid_code,
        s || g1 || coalesce(g2, ''), sp || g1p || coalesce(g2p, ''), left(sp, 1) || left(g1p, 1) || coalesce(left(g2p, 1), ''),
        '9901**********' || lpad((bench_h(i * 16 + 6) % 10000)::text, 4, '0'),
        CASE WHEN bench_h(i * 16 + 7) % 2 = 0 THEN 'male' ELSE 'female' END,
        DATE '1930-01-01' + (bench_h(i * 16 + 8) % 16425)::int,
        '1' || (3 + bench_h(i * 16 + 9) % 6) || '*******' || lpad((bench_h(i * 16 + 10) % 100)::text, 2, '0'),
        '基准路' || (bench_h(i * 16 + 11) % 999 + 1) || '号',
        ARRAY[(ARRAY['elderly_alone','dibao','tekun','disability','left_behind','other'])[1 + bench_h(i * 16 + 12) % 6]],
        p.tier, (${T} - 400)::timestamptz, 'active', p.worker_id, 1, NULL, (${T} - 400)::timestamptz, (${T} - 400)::timestamptz
      FROM bench_plan p
      CROSS JOIN LATERAL (SELECT (${S})[1 + bench_h(i * 16 + 4) % ${SURNAMES.length}] AS s, (${SP})[1 + bench_h(i * 16 + 4) % ${SURNAMES.length}] AS sp,
        (${GN})[1 + bench_h(i * 16 + 5) % ${GIVEN.length}] AS g1, (${GP})[1 + bench_h(i * 16 + 5) % ${GIVEN.length}] AS g1p,
        CASE WHEN bench_h(i * 16 + 13) % 10 < 7 THEN (${GN})[1 + bench_h(i * 16 + 14) % ${GIVEN.length}] END AS g2,
        CASE WHEN bench_h(i * 16 + 13) % 10 < 7 THEN (${GP})[1 + bench_h(i * 16 + 14) % ${GIVEN.length}] END AS g2p) nm
      ORDER BY i;`,
    );

    await step(
      'assessments + tier changes',
      `
      INSERT INTO assessments (id, client_id, area_code, scores, suggested_tier, confirmed_tier, assessed_by, assessed_at)
        SELECT ${uuid('f1000000', 'i')}, p.id, p.area_code, '{}'::jsonb, p.tier, p.tier, p.worker_id, (${T} - 400)::timestamptz FROM bench_plan p ORDER BY i;
      INSERT INTO tier_changes (id, client_id, area_code, from_tier, to_tier, assessment_id, reason, status, requested_by, decided_by, decided_at, created_at)
        SELECT ${uuid('f2000000', 'i')}, p.id, p.area_code, NULL, p.tier, ${uuid('f1000000', 'i')}, '初次评估', 'applied', p.worker_id, p.worker_id,
          (${T} - 400)::timestamptz, (${T} - 400)::timestamptz FROM bench_plan p ORDER BY i;`,
    );

    // A year of done visits per tier cadence, oldest first (batch k = visits k cadences before the planned one), so
    // one client's visits are spread over the table as they would be in real life. 8% were late (after the window).
    const s = performance.now();
    for (let k = maxK; k >= 1; k--) {
      const seq = maxK - k + 1;
      await q(`
        INSERT INTO visits (id, client_id, area_code, grid_code, assignee_id, window_start, due_date, window_end, mode, status, tier,
          visited_on, done_at, services, recorded_by, created_at, updated_at)
        SELECT ${uuid('d0000000', `(${seq}::bigint << 24) | i`)}, p.id, p.area_code, p.grid_code, p.worker_id, d - p.slack, d, d + p.slack,
          CASE WHEN bench_h(i * 64 + ${k}) % 10 < 8 THEN 'home' ELSE 'phone' END, 'done', p.tier,
          vo, vo + time '10:00', '{}', p.worker_id, (d - p.cad)::timestamptz, vo + time '10:00'
        FROM bench_plan p
        CROSS JOIN LATERAL (SELECT p.due - ${k} * p.cad AS d) dd
        CROSS JOIN LATERAL (SELECT LEAST(${T} - 1, d + CASE WHEN bench_h(i * 64 + 32 + ${k}) % 100 < 8 THEN p.slack + 1 + (bench_h(i * 64 + ${k}) % 3)::int
                                       ELSE (bench_h(i * 64 + 32 + ${k}) % (2 * p.slack + 1))::int - p.slack END) AS vo) v
        WHERE p.k_max >= ${k}
        ORDER BY i`);
    }
    await q(`
      INSERT INTO visits (id, client_id, area_code, grid_code, assignee_id, window_start, due_date, window_end, mode, status, tier,
        services, created_at, updated_at)
      SELECT ${uuid('d0000000', `(${maxK + 1}::bigint << 24) | i`)}, p.id, p.area_code, p.grid_code, p.worker_id, p.due - p.slack, p.due, p.due + p.slack,
        'home', 'planned', p.tier, '{}', (p.due - p.cad)::timestamptz, (p.due - p.cad)::timestamptz
      FROM bench_plan p ORDER BY i`);
    steps.push({ step: 'visits', seconds: (performance.now() - s) / 1000 });
    log(`  visits: ${((performance.now() - s) / 1000).toFixed(1)} s`);

    await step(
      'indexes',
      indexes.map((r) => String(r.indexdef)),
    );
    await q(
      'DROP TABLE bench_plan; DROP TABLE bench_workers; DROP TABLE bench_comm; SET session_replication_role = origin',
    );
    await q('ALTER TABLE visits ENABLE TRIGGER USER');
    // Triggers were off for the load (replica role), so the dashboard's on-time rollup is computed once here; the
    // overdue rollup is built by the server on the first dashboard request of the day.
    await step('rollups', 'SELECT care_rebuild_ontime()');
    await step('vacuum analyze', 'VACUUM ANALYZE');
  });
  const counts: Record<string, number> = {};
  for (const t of ['areas', 'users', 'clients', 'visits', 'tier_changes', 'assessments']) {
    counts[t] = Number((await engine.query(`SELECT count(*)::bigint AS n FROM ${t}`))[0]!.n);
  }
  counts.planned = Number(
    (await engine.query(`SELECT count(*)::bigint AS n FROM visits WHERE status = 'planned'`))[0]!.n,
  );
  counts.overduePlanned = Number(
    (
      await engine.query(
        `SELECT count(*)::bigint AS n FROM visits WHERE status = 'planned' AND window_end < $1::date`,
        [today],
      )
    )[0]!.n,
  );
  const seconds = (performance.now() - t0) / 1000;
  await engine.query(
    `INSERT INTO bench_marker (scale, params, today, generated_at, seconds, counts) VALUES ($1, $2, $3, now(), $4, $5)`,
    [cfg.scale, JSON.stringify(cfg), today, seconds.toFixed(1), JSON.stringify(counts)],
  );
  return { seconds, steps, counts };
}
