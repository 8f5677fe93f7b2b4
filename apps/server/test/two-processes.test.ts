import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureOverdueRollup,
  foldRollups,
  onTimeByTier,
  onTimeByTierNaive,
  overdueBuckets,
  overdueBucketsNaive,
  type OverdueGrouping,
} from '../src/modules/care/supervision/supervision.repository';
import { totpAt, generateTotpSecret } from '../src/modules/auth/totp';
import { scopePrefix } from '../src/platform/access';
import { verifyAuditChain } from '../src/platform/audit';
import { AuditAnchor } from '../src/platform/audit-anchor';
import { systemClock } from '../src/platform/clock';
import { type AppContext, createContext } from '../src/platform/context';
import { chinaToday } from '../src/platform/dates';
import { queryRows } from '../src/platform/db';
import { type Keys, loadOrCreateKeys } from '../src/platform/keys';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './database';
import { makeIdNumber } from './factories/care';
import { HttpBrowser } from './factories/http-browser';
import { buildOrg, createUser, type TestOrg, type TestUser } from './factories/org';
import { killAll, type ServerProcess, startServerProcess, until } from './factories/processes';
import { testConfig } from './harness';

/**
 * Issue 13 goal 6: two real server processes (main.ts, as `npm start` runs it) on one fresh PostgreSQL database, and
 * what a load balancer spreading one user's requests over them must not break: the session and its CSRF token,
 * Idempotency-Key replays, the dashboard rollups and the audit chain (the jobs: jobs-two-processes.test.ts). The
 * test process only creates the accounts, straight in the database, and reads the database to check.
 * PostgreSQL only: the embedded PGlite database is held by one process at a time.
 */
const started: ServerProcess[] = [];
// Made in beforeAll: on PGlite no hook runs, and a directory made at import would be left behind.
let scratch = '';
// One key file for both; one anchor file too, as two processes on one host share it (ADR 0006).
const keyFile = () => path.join(scratch, 'keys.json');
const anchorFile = () => path.join(scratch, 'audit-anchors.jsonl');

let testDb: TestDatabase | null = null;
let ctx: AppContext;
let keys: Keys;
let org: TestOrg;
let a: ServerProcess;
let b: ServerProcess;
const users = {} as Record<'workerA' | 'workerB' | 'officer' | 'auditor', TestUser>;
let auditorSecret: string;

async function startServer(tag: string): Promise<ServerProcess> {
  const server = await startServerProcess(testDb!.url!, {
    LINLI_KEY_FILE: keyFile(),
    LINLI_AUDIT_ANCHOR_FILE: anchorFile(),
    LINLI_DATA_DIR: path.join(scratch, `data-${tag}`),
  });
  started.push(server);
  return server;
}

beforeAll(async () => {
  if (TEST_ENGINE !== 'postgres') return;
  scratch = mkdtempSync(path.join(tmpdir(), 'linli-twoproc-'));
  testDb = await createTestDatabase();
  // The key file first, so that both processes can start at once and find the same keys.
  keys = loadOrCreateKeys(keyFile());
  ctx = createContext({ database: testDb.database, config: testConfig(), clock: systemClock, keys, log: console });
  org = await buildOrg(ctx);
  auditorSecret = generateTotpSecret();
  users.workerA = await createUser(ctx, { roles: ['community_worker'], areas: [org.communityA] });
  users.workerB = await createUser(ctx, { roles: ['community_worker'], areas: [org.communityB] });
  users.officer = await createUser(ctx, { roles: ['district_officer'], areas: [org.district] });
  users.auditor = await createUser(ctx, { roles: ['audit_admin'], areas: [org.district], totpSecret: auditorSecret });
  [a, b] = await Promise.all([startServer('a'), startServer('b')]);
  for (const s of [a, b]) expect(await until(() => s.healthy(), 150_000), s.output.join('')).toBe(true);
}, 200_000);

afterAll(async () => {
  // End exactly the processes this file started, if a failure left them running.
  killAll(started);
  await testDb?.drop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function signIn(user: TestUser, on: ServerProcess): Promise<HttpBrowser> {
  const browser = new HttpBrowser();
  await browser.login(on, user.username, user.password);
  return browser;
}

let clientNo = 0;
/** A new client of a community (an elderly person living alone), named uniquely so it can be counted by name. */
function clientBody(communityCode: string, gridCode?: string) {
  clientNo += 1;
  return {
    name: `双进程${clientNo}-${randomUUID().slice(0, 8)}`,
    idNumber: makeIdNumber('1945-03-02'),
    communityCode,
    ...(gridCode ? { gridCode } : {}),
    categories: ['elderly_alone'],
    confirmDuplicates: true,
  };
}

async function clientsNamed(name: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM clients WHERE name = ${name}`,
  );
  return row!.n;
}

const ASSESSMENTS = {
  red: { scores: { health: { score: 3 } }, tier: 'red' },
  yellow: { scores: { health: { score: 2 }, income: { score: 2 } }, tier: 'yellow', overrideReason: '需求评估' },
  blue: { scores: { health: { score: 1 } }, tier: 'blue', overrideReason: '需求评估' },
} as const;

describe.skipIf(TEST_ENGINE !== 'postgres')(
  'two server processes on one PostgreSQL (skipped on PGlite: an embedded database is held by one process)',
  () => {
    it('share sessions: opened on one, used on the other, a second factor on the other, logged out on either', async () => {
      const worker = await signIn(users.workerA, a);
      const issued = worker.csrf;
      const onB = await worker.ok(worker.get(b, '/api/auth/session'));
      expect(onB.user.username).toBe(users.workerA.username);
      expect(onB.csrfToken).toBe(issued);

      // The password step on A, the one-time code on B: the challenge lives in the database too.
      const auditor = new HttpBrowser();
      const step = await auditor.ok(
        auditor.post(a, '/api/auth/login', { username: users.auditor.username, password: users.auditor.password }),
      );
      expect(step.status).toBe('totp_required');
      const code = totpAt(auditorSecret, new Date());
      const done = await auditor.ok(auditor.post(b, '/api/auth/login/totp', { challengeId: step.challengeId, code }));
      expect(done.status).toBe('ok');
      expect((await auditor.ok(auditor.get(a, '/api/auth/session'))).user.username).toBe(users.auditor.username);

      // Logged out on B: the cookie that worked on A a moment ago no longer does (and the reverse).
      for (const [opened, closed] of [
        [a, b],
        [b, a],
      ] as const) {
        const browser = await signIn(users.workerA, opened);
        const cookie = browser.cookie;
        expect((await browser.get(closed, '/api/auth/session')).status).toBe(200);
        await browser.ok(browser.post(closed, '/api/auth/logout'));
        browser.cookie = cookie;
        for (const s of [a, b]) expect((await browser.get(s, '/api/auth/session')).status).toBe(401);
      }
      // The first session was not touched by those.
      expect((await worker.get(a, '/api/auth/session')).status).toBe(200);
    });

    it('accept the CSRF token issued by the other process and refuse a wrong one on both', async () => {
      const worker = await signIn(users.workerA, a);
      const accepted = clientBody(org.communityA);
      await worker.ok(worker.post(b, '/api/care/clients', accepted));
      expect(await clientsNamed(accepted.name)).toBe(1);
      for (const s of [a, b]) {
        for (const token of ['x'.repeat(32), '']) {
          const refused = clientBody(org.communityA);
          const answer = await worker.post(s, '/api/care/clients', refused, { 'x-csrf-token': token });
          expect(answer.status, answer.body).toBe(403);
          expect(answer.json().code).toBe('common.csrf_failed');
          expect(await clientsNamed(refused.name)).toBe(0);
        }
      }
    });

    it('run a request with an Idempotency-Key once, whichever process gets it and when', async () => {
      const worker = await signIn(users.workerA, b);
      const url = '/api/care/clients';
      const key = () => ({ 'idempotency-key': `twoproc-${randomUUID()}` });

      // One after the other: A answers, B replays A's answer byte for byte.
      const body = clientBody(org.communityA);
      const k = key();
      const first = await worker.post(a, url, body, k);
      const again = await worker.post(b, url, body, k);
      expect([first.status, again.status], first.body).toEqual([200, 200]);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toBe(first.body);
      expect(await clientsNamed(body.name)).toBe(1);
      // The key names that request: another body under it is refused on either process.
      for (const s of [a, b]) {
        const other = clientBody(org.communityA);
        const refused = await worker.post(s, url, other, k);
        expect(refused.status, refused.body).toBe(422);
        expect(refused.json().code).toBe('common.idempotency_mismatch');
        expect(await clientsNamed(other.name)).toBe(0);
      }

      // At the same time on both: one runs, the other waits for its answer and replays it.
      for (let round = 0; round < 6; round++) {
        const same = clientBody(org.communityA);
        const kk = key();
        const answers = await Promise.all([a, b].map((s) => worker.post(s, url, same, kk)));
        expect(
          answers.map((x) => x.status),
          answers[0]!.body + answers[1]!.body,
        ).toEqual([200, 200]);
        expect(answers[1]!.body).toBe(answers[0]!.body);
        expect(answers.map((x) => x.headers.get('idempotent-replayed')).sort()).toEqual([null, 'true'].sort());
        expect(await clientsNamed(same.name)).toBe(1);
      }
    });

    it('keep the dashboard rollups equal to the naive aggregate while both record visits at once', async () => {
      const workerA = await signIn(users.workerA, a);
      const workerB = await signIn(users.workerB, b);
      const officer = await signIn(users.officer, a);
      const places: [HttpBrowser, string, string | undefined][] = [
        [workerA, org.communityA, org.gridsA[0]],
        [workerA, org.communityA, org.gridsA[1]],
        [workerA, org.communityA, undefined],
        [workerB, org.communityB, org.gridsB[0]],
        [workerB, org.communityB, undefined],
      ];
      const tiers = ['red', 'yellow', 'blue'] as const;
      // Thirty clients, created and assessed through both processes at once (each assessment plans a visit).
      await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const [worker, community, grid] = places[i % places.length]!;
          const s = i % 2 ? b : a;
          const client = await worker.ok(worker.post(s, '/api/care/clients', clientBody(community, grid)));
          await worker.ok(
            worker.post(i % 2 ? a : b, `/api/care/clients/${client.id}/assessments`, ASSESSMENTS[tiers[i % 3]!]),
          );
        }),
      );
      const today = chinaToday(new Date());
      const district = scopePrefix(org.district);
      const districtLike = `${district}%`;
      const planned = await queryRows<{ id: string; area_code: string }>(
        ctx.db,
        sql`SELECT id, area_code FROM visits WHERE status = 'planned' AND area_code LIKE ${districtLike} ORDER BY id`,
      );
      expect(planned.length).toBe(30);
      // Three in four windows moved into the past (2, 12 and 40 days overdue), then the dashboard builds its
      // overdue rollup as of today, as the first dashboard request of a day does.
      for (const [i, visit] of planned.entries()) {
        const late = [0, 2, 12, 40][i % 4]!;
        if (!late) continue;
        await ctx.db.execute(sql`UPDATE visits SET window_start = ${today}::date - ${late + 4}::int,
          due_date = ${today}::date - ${late + 2}::int, window_end = ${today}::date - ${late}::int WHERE id = ${visit.id}`);
      }
      await officer.ok(officer.get(a, '/api/care/overdue'));

      // Every visit but one in six recorded (one in six of those missed), alternately through A and B, all at once,
      // while the test folds deltas into the base as a third party besides the processes' own fold job.
      let writing = true;
      let folds = 0;
      const folding = (async () => {
        while (writing) {
          if ((await foldRollups(ctx.db)) >= 0) folds += 1;
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      const recorded = await Promise.all(
        planned.map(async (visit, j) => {
          if (j % 6 === 0) return 0;
          const worker = visit.area_code === org.communityA ? workerA : workerB;
          const body =
            j % 6 === 5
              ? { outcome: 'missed', mode: 'phone', visitedOn: today, missedReason: 'not_home' }
              : { outcome: 'done', mode: 'home', visitedOn: today };
          await worker.ok(worker.post(j % 2 ? b : a, `/api/care/visits/${visit.id}/record`, body));
          return 1;
        }),
      );
      writing = false;
      await folding;
      expect(recorded.reduce((n: number, x) => n + x, 0)).toBe(25);
      expect(folds).toBeGreaterThan(0);

      const sortByKey = <T extends { key: unknown }>(rows: T[]) =>
        [...rows].sort((x, y) => String(x.key).localeCompare(String(y.key)));
      const sortByTier = <T extends { tier: string }>(rows: T[]) =>
        [...rows].sort((x, y) => x.tier.localeCompare(y.tier));
      const expectEqualNaive = async (label: string) => {
        await ensureOverdueRollup(ctx.db, today);
        for (const codes of [
          [org.district],
          [org.streetA],
          [org.communityA],
          [org.communityB],
          [org.gridsA[0]!],
          [org.communityB, org.gridsA[1]!],
        ]) {
          // As a user holding these areas sees them (a district's prefix is its first six digits).
          const prefixes = codes.map(scopePrefix);
          for (const groupBy of ['assignee_id', 'grid_code', 'area_code'] as OverdueGrouping[]) {
            const rollup = (await overdueBuckets(ctx.db, prefixes, groupBy)).rows.map(
              ({ label: _l, ...counts }) => counts,
            );
            expect(sortByKey(rollup), `${label}: overdue by ${groupBy} in ${prefixes}`).toEqual(
              sortByKey(await overdueBucketsNaive(ctx.db, prefixes, today, groupBy)),
            );
          }
          expect(sortByTier(await onTimeByTier(ctx.db, prefixes, today)), `${label}: on time in ${prefixes}`).toEqual(
            sortByTier(await onTimeByTierNaive(ctx.db, prefixes, today)),
          );
        }
      };
      await expectEqualNaive('as left by both processes');
      // A district's dashboard on a Citus cluster shows the rollups as of the last fold (migration 0041): fold there
      // first (the processes' own fold job runs every 5 s). One PostgreSQL shows the live figures without it.
      if (process.env.LINLI_TEST_CITUS === '1') await foldRollups(ctx.db);
      // The dashboard answers the same on both processes, and what it shows is the naive aggregate.
      const [onA, onB] = [
        await officer.ok(officer.get(a, '/api/care/overdue')),
        await officer.ok(officer.get(b, '/api/care/overdue')),
      ];
      expect(onB).toEqual(onA);
      const naiveByCommunity = await overdueBucketsNaive(ctx.db, [district], today, 'area_code');
      const shown = onA.byCommunity.map(({ label: _l, total: _t, ...counts }: Record<string, unknown>) => counts);
      expect(sortByKey(shown)).toEqual(sortByKey(naiveByCommunity));
      const naiveOnTime = await onTimeByTierNaive(ctx.db, [district], today);
      for (const row of onA.onTimeRateByTier) {
        const naive = naiveOnTime.find((r) => r.tier === row.tier);
        expect([row.done, row.onTime], row.tier).toEqual([naive?.done ?? 0, naive?.on_time ?? 0]);
      }
      expect(naiveByCommunity.length).toBeGreaterThan(0);
      expect(naiveOnTime.reduce((n, r) => n + r.done, 0)).toBeGreaterThan(0);
      await foldRollups(ctx.db);
      await expectEqualNaive('folded');
    });

    it('record a visit sent to both at the same moment once, and tell the other request it is recorded', async () => {
      const worker = await signIn(users.workerA, a);
      const today = chinaToday(new Date());
      for (let round = 0; round < 3; round++) {
        const client = await worker.ok(worker.post(a, '/api/care/clients', clientBody(org.communityA)));
        await worker.ok(worker.post(b, `/api/care/clients/${client.id}/assessments`, ASSESSMENTS.red));
        const [visit] = await queryRows<{ id: string }>(
          ctx.db,
          sql`SELECT id FROM visits WHERE client_id = ${client.id} AND status = 'planned'`,
        );
        const body = { outcome: 'done', mode: 'home', visitedOn: today };
        const answers = await Promise.all(
          [a, b].map((s) => worker.post(s, `/api/care/visits/${visit!.id}/record`, body)),
        );
        const [events] = await queryRows<{ n: number }>(
          ctx.db,
          sql`SELECT count(*)::int AS n FROM visit_events WHERE visit_id = ${visit!.id} AND status = 'done'`,
        );
        const [open] = await queryRows<{ n: number }>(
          ctx.db,
          sql`SELECT count(*)::int AS n FROM visits WHERE client_id = ${client.id} AND status = 'planned'`,
        );
        expect(
          {
            statuses: answers.map((x) => x.status).sort(),
            refused: answers.filter((x) => x.status !== 200).map((x) => x.json().code),
            doneEvents: events!.n,
            plannedAfter: open!.n,
          },
          answers.map((x) => x.body).join('\n'),
        ).toEqual({ statuses: [200, 409], refused: ['care.visit_not_open'], doneEvents: 1, plannedAfter: 1 });
      }
    });

    it('leave one unbroken audit chain when both write audited changes at once', async () => {
      const workers = [await signIn(users.workerA, a), await signIn(users.workerB, b)];
      const auditor = new HttpBrowser();
      const step = await auditor.ok(
        auditor.post(b, '/api/auth/login', { username: users.auditor.username, password: users.auditor.password }),
      );
      // The code of the next 30 s step: the session test used this step's code, and a code is accepted once.
      const code = totpAt(auditorSecret, new Date(Date.now() + 30_000));
      await auditor.ok(auditor.post(a, '/api/auth/login/totp', { challengeId: step.challengeId, code }));

      // Forty changes (each audited in its own transaction) and forty reads (audited through each process's
      // batching writer), spread over both processes, all at once.
      const created = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const worker = workers[i % 2]!;
          const s = i % 4 < 2 ? a : b;
          const c = await worker.ok(
            worker.post(s, '/api/care/clients', clientBody(i % 2 ? org.communityB : org.communityA)),
          );
          await worker.ok(worker.get(s === a ? b : a, `/api/care/clients/${c.id}`));
          return c.id as string;
        }),
      );
      for (const s of [a, b]) {
        const result = await auditor.ok(auditor.get(s, '/api/audit/verify'));
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true, firstBrokenSeq: null, reason: null });
      }
      // Stopped, each process seals what it holds and anchors its last head in the shared file.
      for (const s of [a, b]) s.proc.kill('SIGTERM');
      for (const s of [a, b]) expect(await s.exited, s.output.join('')).toBe(0);

      const [pending] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_pending`);
      expect(pending!.n).toBe(0);
      const [chain] = await queryRows<{ n: number; last: number }>(
        ctx.db,
        sql`SELECT count(*)::int AS n, max(seq)::int AS last FROM audit_log`,
      );
      const verified = await verifyAuditChain(ctx.db, keys.auditHmac, {
        anchor: new AuditAnchor(anchorFile(), keys.auditAnchor),
      });
      expect(verified, JSON.stringify(verified)).toMatchObject({ ok: true, checked: chain!.n, firstBrokenSeq: null });
      expect(chain!.last).toBe(chain!.n);
      expect(verified.lastAnchoredSeq).toBeGreaterThan(0);
      // Every change and every read is in it, once.
      for (const action of ['client.create', 'client.read']) {
        const rows = await queryRows<{ id: string; n: number }>(
          ctx.db,
          sql`SELECT o.id, count(*)::int AS n FROM audit_log l, unnest(l.object_ids) AS o(id)
            WHERE l.action = ${action} AND o.id = ANY(${`{${created.join(',')}}`}::text[]) GROUP BY o.id`,
        );
        expect(rows.length, action).toBe(created.length);
        expect(
          rows.filter((r) => r.n !== 1),
          action,
        ).toEqual([]);
      }
    }, 60_000);
  },
);
