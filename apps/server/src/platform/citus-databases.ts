import pg from 'pg';
import { CITUS_INSTALLED } from './citus';

/**
 * Databases on a Citus cluster (issue 14): for the test suite and the benchmark, which make a database of their own
 * on a server named by an admin URL. Citus keeps its node list per database, so a new database is created on every
 * node, gets the extension on each, and the coordinator's copy is told where the workers are (as the admin
 * database lists them). Plain PostgreSQL gets a plain CREATE DATABASE.
 */

/** The URL with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs the statements one after another on one connection of its own to `url`; returns the last one's rows. */
export async function runOn<T extends Record<string, unknown> = Record<string, unknown>>(
  url: string,
  ...statements: string[]
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows: T[] = [];
    for (const statement of statements) rows = (await client.query(statement)).rows as T[];
    return rows;
  } finally {
    await client.end();
  }
}

/** True when the admin URL's database is a Citus coordinator (the extension is installed there). */
export async function isCitusServer(adminUrl: string): Promise<boolean> {
  return (await runOn(adminUrl, CITUS_INSTALLED)).length > 0;
}

/** The admin URLs of every node of the cluster: the coordinator's (the one given) first, then each worker's. */
export async function clusterNodeUrls(adminUrl: string): Promise<string[]> {
  const workers = await runOn(
    adminUrl,
    "SELECT nodename, nodeport FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0 ORDER BY nodeport",
  );
  return [
    adminUrl,
    ...workers.map((w) => {
      const url = new URL(adminUrl);
      url.hostname = String(w.nodename);
      url.port = String(w.nodeport);
      return url.toString();
    }),
  ];
}

/** The admin URLs of the servers a database lives on: every node of a cluster when `citus`, else the one server. */
export async function serverNodes(adminUrl: string, citus: boolean): Promise<string[]> {
  return citus ? clusterNodeUrls(adminUrl) : [adminUrl];
}

/**
 * Creates database `name` (a plain identifier: the callers make it) on each of `nodes` (from serverNodes: the
 * coordinator first); on a cluster it is then made a Citus database (extendOntoCluster).
 */
export async function createDatabaseOn(nodes: string[], name: string, citus: boolean): Promise<void> {
  if (!citus) {
    for (const node of nodes) await runOn(node, `CREATE DATABASE ${name}`);
    return;
  }
  await runOn(nodes[0]!, `CREATE DATABASE ${name}`);
  await extendOntoCluster(nodes, name);
}

async function databaseExists(nodeUrl: string, name: string): Promise<boolean> {
  return (await runOn(nodeUrl, `SELECT 1 FROM pg_catalog.pg_database WHERE datname = '${name}'`)).length > 0;
}

/**
 * Makes database `name`, which exists on the coordinator (nodes[0]), a database of the cluster: it is created on
 * each worker, the citus extension is added on every node, and the coordinator's copy is told where it and the
 * workers are. For a new database, and the operator's step when an existing single-server installation moves onto
 * a cluster (ADR 0009): Linli's next start then places the tables with their rows.
 */
export async function extendOntoCluster(nodes: string[], name: string): Promise<void> {
  // Each step may be run again after a failure (an unreachable worker): what is done already is left as it is.
  for (const node of nodes.slice(1)) {
    if (!(await databaseExists(node, name))) await runOn(node, `CREATE DATABASE ${name}`);
  }
  for (const node of nodes) await runOn(withDatabaseName(node, name), 'CREATE EXTENSION IF NOT EXISTS citus');
  const [coordinator, ...workers] = nodes.map((n) => new URL(n));
  await runOn(
    withDatabaseName(nodes[0]!, name),
    `SELECT citus_set_coordinator_host('${coordinator!.hostname}', ${Number(coordinator!.port || 5432)})`,
    ...workers.map((w) => `SELECT citus_add_node('${w.hostname}', ${Number(w.port || 5432)})`),
  );
}

/**
 * Closes database `name` on each of `nodes`: new connections are refused, Citus's maintenance daemon for it is
 * stopped for good, and the sessions open are ended. Then it can be a template (cloneDatabaseOn) or be dropped.
 *
 * On a cluster every database with the extension has a daemon on each node, which PostgreSQL starts again 5 s after
 * it ends with an error, and which ignores a plain SIGTERM while it waits. A daemon that opened a connection while a
 * DROP DATABASE … WITH (FORCE) held the database's lock waited on that lock, and the drop waited 5 s on it and
 * failed, again at each retry (CI, 2026-12-04). Citus forgets a database's daemon when DROP DATABASE names it, before
 * PostgreSQL refuses a DROP inside a transaction block: that refusal stops the daemon without dropping anything, and a
 * daemon started again finds itself forgotten and leaves before it connects.
 */
export async function closeDatabaseOn(nodes: string[], name: string): Promise<void> {
  const present: string[] = [];
  for (const node of nodes) {
    if (!(await databaseExists(node, name))) continue;
    present.push(node);
    await runOn(node, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    await runOn(node, 'BEGIN', `DROP DATABASE ${name}`).catch((error: { code?: string }) => {
      if (error.code !== '25001') throw error; // active_sql_transaction: the refusal counted on
    });
  }
  // Only once every node refuses connections: a daemon on one node reconnects to the others.
  for (const node of present) {
    for (let tries = 0; ; tries++) {
      const [open] = await runOn(
        node,
        `SELECT count(pg_catalog.pg_terminate_backend(pid)) AS n FROM pg_catalog.pg_stat_activity WHERE datname = '${name}'`,
      );
      if (Number(open!.n) === 0) break;
      if (tries === 100) throw new Error(`database ${name} still has sessions on ${new URL(node).host}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Creates database `name` on each of `nodes` as a copy of `template` (closed by closeDatabaseOn), with the
 * template's database-level settings (ALTER DATABASE … SET, which a copy does not take along). A copy of a Citus
 * database made on every node at once is a Citus database of the same cluster: each node's copy holds its shards
 * and the same metadata, and the coordinator reaches the workers' copies by the database's new name.
 */
export async function cloneDatabaseOn(nodes: string[], name: string, template: string): Promise<void> {
  for (const node of nodes) {
    const settings = await runOn<{ setting: string }>(
      node,
      `SELECT unnest(s.setconfig) AS setting FROM pg_catalog.pg_db_role_setting s
         JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase WHERE d.datname = '${template}' AND s.setrole = 0`,
    );
    await runOn(
      node,
      `CREATE DATABASE ${name} TEMPLATE ${template}`,
      ...settings.map(({ setting }) => {
        const at = setting.indexOf('=');
        return `ALTER DATABASE ${name} SET ${setting.slice(0, at)} = '${setting.slice(at + 1).replace(/'/g, "''")}'`;
      }),
    );
  }
}

/**
 * Rows of every table of a database's schema, by table, counted as the URL's role (the owner in the callers): what
 * must be the same before and after an installation moves onto a cluster (citus-migration.test.ts, the bench).
 */
export async function tableRowCounts(url: string): Promise<Record<string, number>> {
  const tables = await runOn(
    url,
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await runOn(url, `SELECT count(*) AS n FROM "${String(name).replace(/"/g, '""')}"`);
    counts[String(name)] = Number(row!.n);
  }
  return counts;
}

/** Drops database `name` from each of these servers (from serverNodes), closed first (closeDatabaseOn). */
export async function dropDatabaseOn(nodes: string[], name: string): Promise<void> {
  await closeDatabaseOn(nodes, name);
  for (const node of nodes) {
    for (let tries = 1; ; tries++) {
      try {
        await runOn(node, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        break;
      } catch (error) {
        // object_in_use: a session got in between the close and the drop (rare; the drop waited 5 s for it).
        if ((error as { code?: string }).code !== '55006' || tries === 3) throw error;
      }
    }
  }
}
