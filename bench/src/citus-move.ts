// Measures ADR 0009's move of an existing single-server installation onto a Citus cluster (issue 14):
//   npx tsx bench/src/citus-move.ts --from postgres://postgres@127.0.0.1:5432/linli_bench_community
//     --cluster postgres://postgres@127.0.0.1:9700/postgres [--keep]
// The installation's database is copied onto the coordinator as it is (pg_dump | psql: a plain PostgreSQL database
// there, as on the single server), extended onto the cluster (extendOntoCluster: the operator's step) and placed by
// Linli's own start-up (migrate → placeTablesOnCitus: the step that blocks writes), each timed; every table's row
// count is compared before and after. The copy is dropped afterwards unless --keep. Writes
// bench/results/<date>-citus-move-<source database>.json.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  clusterNodeUrls,
  createDatabaseOn,
  dropDatabaseOn,
  extendOntoCluster,
  runOn as rows,
  tableRowCounts as rowCounts,
  withDatabaseName,
} from '../../apps/server/src/platform/citus-databases';
import { createDb } from '../../apps/server/src/platform/db';
import { migrate } from '../../apps/server/src/platform/migrate';
import { repoRootOf, scriptArgs } from './script-args';

const args = scriptArgs();
if (!args.from || !args.cluster)
  throw new Error('usage: --from <single-server database URL> --cluster <coordinator admin URL>');
const source = args.from;
const sourceName = new URL(source).pathname.slice(1);
const name = `linli_move_${sourceName.replace(/\W/g, '_')}`.slice(0, 60);
const target = withDatabaseName(args.cluster, name);

/** `pg_dump source | psql target`, stopping at the first error of either. */
function copyDatabase(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const dump = spawn('pg_dump', ['--no-owner', from], { stdio: ['ignore', 'pipe', 'inherit'] });
    const load = spawn('psql', ['-q', '-v', 'ON_ERROR_STOP=1', to], { stdio: ['pipe', 'ignore', 'inherit'] });
    dump.stdout.pipe(load.stdin);
    let open = 2;
    const done = (what: string) => (code: number | null) => {
      if (code !== 0) reject(new Error(`${what} exited with ${code}`));
      else if (--open === 0) resolve();
    };
    dump.on('exit', done('pg_dump'));
    load.on('exit', done('psql'));
  });
}

const seconds = (from: number) => (performance.now() - from) / 1000;
const nodes = await clusterNodeUrls(args.cluster);
const [size] = await rows<{ bytes: string }>(source, 'SELECT pg_database_size(current_database()) AS bytes');
const before = await rowCounts(source);
console.log(
  `[move] ${sourceName}: ${(Number(size!.bytes) / 2 ** 20).toFixed(0)} MB, ${before.clients} clients, ${before.visits} visits`,
);
await dropDatabaseOn(nodes, name);
await createDatabaseOn([args.cluster], name, false);
let started = performance.now();
await copyDatabase(source, target);
const copySeconds = seconds(started);
console.log(`[move] copied onto the coordinator (pg_dump | psql) in ${copySeconds.toFixed(1)} s`);

started = performance.now();
await extendOntoCluster(nodes, name);
const extendSeconds = seconds(started);
// The bench's own marker table is not Linli's: it stays on the coordinator, as the bench places it (generate.ts).
await rows(
  target,
  `DO $$ BEGIN IF to_regclass('bench_marker') IS NOT NULL THEN PERFORM citus_add_local_table_to_metadata('bench_marker'); END IF; END $$`,
);
started = performance.now();
const database = await createDb({ databaseUrl: target, dataDir: 'memory://', poolSize: 2 });
await migrate(database);
await database.close();
const placeSeconds = seconds(started);
console.log(
  `[move] extended onto ${nodes.length - 1} workers in ${extendSeconds.toFixed(1)} s; placed by Linli's start in ${placeSeconds.toFixed(1)} s`,
);

const after = await rowCounts(target);
const differ = Object.keys(before).filter((t) => before[t] !== after[t]);
const [shards] = await rows<{ n: number; bytes: string }>(
  target,
  'SELECT count(*)::int AS n, sum(shard_size)::bigint AS bytes FROM citus_shards',
);
console.log(
  differ.length === 0
    ? `[move] every table's row count is the same (${Object.keys(before).length} tables)`
    : `[move] ROW COUNTS DIFFER: ${differ.map((t) => `${t} ${before[t]} → ${after[t]}`).join(', ')}`,
);
if (!args.keep) await dropDatabaseOn(nodes, name);

const result = {
  date: new Date().toISOString(),
  source: sourceName,
  sourceMegabytes: Math.round(Number(size!.bytes) / 2 ** 20),
  clients: before.clients,
  visits: before.visits,
  workers: nodes.length - 1,
  shardCount: Number(process.env.LINLI_CITUS_SHARD_COUNT ?? 64),
  shards: shards!.n,
  shardMegabytes: Math.round(Number(shards!.bytes) / 2 ** 20),
  copySeconds,
  extendSeconds,
  placeSeconds,
  rowCountsEqual: differ.length === 0,
};
const out = path.join(repoRootOf(args), 'bench/results', `${result.date.slice(0, 10)}-citus-move-${sourceName}.json`);
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`[move] wrote ${path.relative(process.cwd(), out)}`);
if (differ.length) process.exitCode = 1;
