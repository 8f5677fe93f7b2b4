#!/usr/bin/env node
// `npm test`: the whole suite.
//  1. unit + service/route tests on in-memory PGlite (always);
//  2. the same tests on PostgreSQL when TEST_DATABASE_URL is set;
//  3. the Citus subset on a Citus cluster when CITUS_DATABASE_URL is set (scripts/citus-cluster.sh; issue 14);
//  4. browser tests when Chromium is found (required when LINLI_REQUIRE_E2E=1).
// Ends with one line "Tests: N passed, N failed" across all parts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'linli-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
const failedParts = [];
/** Each failed test, named with its part and file: repeated at the very end, where a log's tail still shows it. */
const failedTests = [];
/**
 * The first line of a failure's message, without terminal colours, short enough for one line; and its "Caused by:"
 * line when there is one (apps/server/test/failure-causes.ts adds it: a database error's own message is its cause).
 */
const firstLine = (text) => {
  const lines = String(text ?? '')
    // eslint-disable-next-line no-control-regex -- terminal colour codes start with ESC
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n');
  const first =
    lines
      .find((line) => line.trim())
      ?.trim()
      .slice(0, 200) ?? '';
  const cause = lines.find((line) => line.startsWith('Caused by: '));
  return cause && !first.startsWith('Caused by: ') ? `${first} — ${cause.slice(0, 200)}` : first;
};

/** Each part's wall time, printed at the end: where CI's time limit goes. */
const partTimes = [];

function run(label, command, args, env, jsonFile, count) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  partTimes.push(`${label}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (existsSync(jsonFile)) count(JSON.parse(readFileSync(jsonFile, 'utf8')), label);
  if (result.status !== 0) {
    ok = false;
    failedParts.push(label);
    console.error(`--- ${label}: FAILED (exit ${result.status}) ---`);
  }
}

function countVitest(report, label) {
  const files = (report.testResults ?? [])
    .map((file) => ({ name: path.relative(root, file.name ?? ''), ms: (file.endTime ?? 0) - (file.startTime ?? 0) }))
    .sort((a, b) => b.ms - a.ms);
  console.log(`\n${label}: the slowest files`);
  for (const file of files.slice(0, 10)) console.log(`  ${(file.ms / 1000).toFixed(1).padStart(6)} s  ${file.name}`);
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const name = path.relative(root, file.name ?? '');
    for (const test of file.assertionResults ?? [])
      if (test.status === 'failed')
        failedTests.push(
          `${label} › ${name} › ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`,
        );
    // A file that failed outside any test (its setup, an unhandled error) has no failed test to name.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'))
      failedTests.push(`${label} › ${name}: ${firstLine(file.message)}`);
  }
}

function countPlaywright(report, label) {
  totals.passed += report.stats?.expected ?? 0;
  totals.failed += (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0);
  totals.skipped += report.stats?.skipped ?? 0;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === 'unexpected' || test.status === 'flaky') {
          const error = test.results?.find((r) => r.error)?.error?.message;
          failedTests.push(`${label} › ${spec.file} › ${[...titles, spec.title].join(' › ')}: ${firstLine(error)}`);
        }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]); // describe blocks
  };
  for (const suite of report.suites ?? []) walk(suite, []); // one suite per file, titled with it
}

const vitest = path.join(root, 'node_modules/.bin/vitest');
function vitestRun(label, engineEnv, name, files = []) {
  const out = path.join(work, `${name}.json`);
  run(
    label,
    vitest,
    ['run', '--root', 'apps/server', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...files],
    engineEnv,
    out,
    countVitest,
  );
}

vitestRun('unit + service tests on PGlite', { LINLI_TEST_DB: 'pglite' }, 'pglite');
if (process.env.TEST_DATABASE_URL) {
  vitestRun('unit + service tests on PostgreSQL', { LINLI_TEST_DB: 'postgres' }, 'postgres');
} else {
  console.log('\n(TEST_DATABASE_URL not set: the PostgreSQL run is skipped)');
}

/**
 * The test files run on a Citus cluster too (issue 14): every file that uses the database, except the fuzzing (ten
 * minutes there), the read replica (a standby of its own PostgreSQL), the start script and the embedded-store tests
 * (PGlite), and the unit tests that use no database. A new file joins this list when it passes there.
 */
const CITUS_SUITE = [
  'test/citus.test.ts',
  // an existing single-server installation moved onto the cluster (ADR 0009)
  'test/citus-migration.test.ts',
  // care
  'test/care.test.ts',
  'test/care-home.test.ts',
  'test/care-caseload.test.ts',
  'test/approvals-history.test.ts',
  'test/cases.test.ts',
  'test/client-timeline.test.ts',
  'test/rollups.test.ts',
  'test/overdue-by-group.test.ts',
  'test/ledger.test.ts',
  'test/exports.test.ts',
  // areas (merges move rows between shards), accounts, partners, residents, the requests catalogue, wishes, Open311
  'test/areas.test.ts',
  'test/child-area-codes.test.ts',
  'test/users.test.ts',
  'test/organisations.test.ts',
  'test/notifications.test.ts',
  'test/residents.test.ts',
  'test/requests-catalogue.test.ts',
  'test/wishes.test.ts',
  'src/modules/open311/open311.test.ts',
  'src/modules/open311/georeport.test.ts',
  'src/modules/supermarket/donor-organisation.test.ts',
  'src/modules/hours/hours-settings.test.ts',
  'src/modules/hours/hours.test.ts',
  'src/modules/points/points.test.ts',
  'src/modules/points/points-ledger.test.ts',
  'src/modules/points/points-postings.test.ts',
  'src/modules/points/points-labels.test.ts',
  'src/modules/points/points-earning.test.ts',
  'src/modules/points/points-team.test.ts',
  'src/modules/hours/hours-team.test.ts',
  'src/modules/hours/hours-id-export.test.ts',
  // requests, partners, places, activities, volunteers, supermarkets
  'test/requests.test.ts',
  'test/requests-figures.test.ts',
  'test/partners.test.ts',
  'src/modules/places/places.test.ts',
  'src/modules/activities/activities.test.ts',
  'src/modules/activities/activities-confirm.test.ts',
  'src/modules/volunteers/volunteers.test.ts',
  'src/modules/volunteers/partner-teams.test.ts',
  'src/modules/supermarket/supermarket.test.ts',
  'src/modules/supermarket/reservation-expiry.test.ts',
  // platform: sign-in, idempotency keys, jobs, the audit chain (verify and its tamper tests)
  'test/auth.test.ts',
  'test/idempotency.test.ts',
  'test/jobs.test.ts',
  'test/audit-chain.test.ts',
  // joined 2026-12-03: the demo seed, ledger batches and sheets, scope of ids in bodies, the rest of the platform
  'test/demo-seed.test.ts',
  'test/ledger-batches.test.ts',
  'test/ledger-sheets.test.ts',
  'test/ledger-security.test.ts',
  'test/body-scope.test.ts',
  'test/route-spellings.test.ts',
  'test/oracles.test.ts',
  'test/separation.test.ts',
  'test/platform.test.ts',
  'test/events.test.ts',
  'test/statistics.test.ts',
  'test/auth-hardening.test.ts',
  'test/birth-dates.test.ts',
  'test/sms-signature.test.ts',
  'src/modules/places/media.test.ts',
  'src/platform/transaction-retry.test.ts',
  'test/pg-statements.test.ts',
  'test/prepared-queries.test.ts',
  'test/worklist-statements.test.ts',
  'test/request-queue-statements.test.ts',
  // servers in their own processes on the cluster: two at once, a restart after SIGKILL, the CLI; the route table
  'test/two-processes.test.ts',
  'test/jobs-two-processes.test.ts',
  'test/notification-outbox-restart.test.ts',
  'test/cli.test.ts',
  'test/proxy.test.ts',
  'test/route-table.test.ts',
  'test/field-messages.test.ts',
  'test/ledger-limits.test.ts',
];
if (process.env.CITUS_DATABASE_URL) {
  vitestRun(
    'the Citus subset on a Citus cluster',
    {
      LINLI_TEST_DB: 'postgres',
      LINLI_TEST_CITUS: '1',
      TEST_DATABASE_URL: process.env.CITUS_DATABASE_URL,
      LINLI_CITUS_SHARD_COUNT: '4',
    },
    'citus',
    // One file at a time: each file's database is created and migrated on every node, and role grants propagated
    // by two migrations at once collide on the workers ("tuple concurrently updated").
    // A fresh database inside a test is made on every node and placed (≈ 15 s on the 2-core CI box): more time.
    ['--no-file-parallelism', '--testTimeout=90000', ...CITUS_SUITE],
  );
} else {
  console.log('\n(CITUS_DATABASE_URL not set: the Citus run is skipped; scripts/citus-cluster.sh start prints one)');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  const out = path.join(work, 'e2e.json');
  run(
    'browser tests (Playwright + Chromium)',
    'npm',
    ['test', '-w', 'e2e', '--', '--reporter=list,json'],
    {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    },
    out,
    countPlaywright,
  );
} else if (process.env.LINLI_REQUIRE_E2E === '1') {
  console.error(`\nLINLI_REQUIRE_E2E=1 but Chromium was not found at ${chromium}`);
  ok = false;
  failedParts.push('browser tests (Chromium missing)');
} else {
  console.log(`\n(Chromium not found at ${chromium}: browser tests skipped; install Debian's chromium to run them)`);
}

rmSync(work, { recursive: true, force: true });
console.log(`\nTime by part:\n${partTimes.map((line) => `  ${line}`).join('\n')}`);
if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.map((line) => `  ✗ ${line}`).join('\n')}`);
console.log(
  `\nTests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
// A part can fail with every test passing (an unhandled error, a crashed worker); say so rather than look green.
if (failedParts.length) console.log(`FAILED parts: ${failedParts.join('; ')}`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
