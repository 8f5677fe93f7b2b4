import { CROSS_AREA_FKS, GLOBAL, isDistributed, UNIQUE_TO_CHANGE } from '../db/distribution';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type ScriptRunner } from './db';

/**
 * Linli on a Citus cluster (issue 14, ADR 0009). After the migrations, on a database where the `citus` extension is
 * installed, every table is placed once: the tables of src/db/distribution.ts's GLOBAL list become reference tables
 * (copied to every node) or Citus-managed tables on the coordinator, and every other table is hash-distributed by
 * `area_code` and co-located with `clients`, so that a community's rows of every table live in one shard group.
 *
 * What Citus needs of a distributed table is done here rather than in the migrations, which stay the same on plain
 * PostgreSQL and PGlite: a primary key and unique indexes that include `area_code` (the key becomes
 * `(area_code, id)`), and foreign keys between distributed tables that include it at the same position (`x_id ->
 * parent(id)` becomes `(area_code, x_id) -> parent(area_code, id)`). Foreign keys between two communities' rows
 * (CROSS_AREA_FKS) are dropped; uniqueness meant to hold across the province (requests_number_key and the other
 * "registry" entries of UNIQUE_TO_CHANGE) is kept per community, the index stays for the lookups.
 *
 * The whole placement is one transaction: a cluster is either as the migrations left it or fully placed. A table
 * added by a later migration is placed at the next start.
 */

/** Shards per distributed table (`LINLI_CITUS_SHARD_COUNT`): ADR 0009 sizes a province at 64 (the tests use 4). */
const SHARD_COUNT = Number(process.env.LINLI_CITUS_SHARD_COUNT ?? 64);
/** The table every distributed table is co-located with. */
const ANCHOR = 'clients';

type Row = Record<string, unknown>;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** One row when the database has the citus extension (the coordinator of a cluster, or a single-node Citus). */
export const CITUS_INSTALLED = "SELECT 1 AS present FROM pg_catalog.pg_extension WHERE extname = 'citus'";

export async function isCitus(exec: ScriptRunner): Promise<boolean> {
  return (await exec(CITUS_INSTALLED)).length > 0;
}

/**
 * Whether the database behind a query handle is a Citus coordinator, asked once per handle (an extension is not
 * added while a server runs): for request paths that read differently on a cluster (care dashboards, migration 0041).
 */
const citusByHandle = new WeakMap<object, Promise<boolean>>();
export function runsOnCitus(db: DbOrTx): Promise<boolean> {
  let known = citusByHandle.get(db);
  if (!known) {
    known = queryRows(db, sql.raw(CITUS_INSTALLED)).then((rows) => rows.length > 0);
    known.catch(() => citusByHandle.delete(db));
    citusByHandle.set(db, known);
  }
  return known;
}

/** Places every table not yet known to Citus; returns the tables placed by this call ([] when there is nothing to do). */
export async function placeTablesOnCitus(exec: ScriptRunner): Promise<string[]> {
  if (!(await isCitus(exec))) return [];
  // A 'plain' table stays outside Citus's metadata: never placed, and given back to PostgreSQL where an earlier
  // version placed it.
  await unplacePlainTables(exec);
  const tables = (await exec(UNPLACED_TABLES)).map((r) => String(r.name)).filter((t) => GLOBAL[t]?.[0] !== 'plain');
  if (tables.length === 0) return [];
  const distributed = tables.filter(isDistributed);
  const anchorPlaced = !distributed.includes(ANCHOR);
  // Read before anything changes: the keys are dropped first and put back once both ends are distributed.
  const foreignKeys = await foreignKeyChanges(exec, distributed);
  const privileges = await privilegeRestores(exec, tables);
  // The server runs as linli_app (SET ROLE, ADR 0006) and the audit functions as linli_audit: Citus opens its
  // connections to the workers as the current role, so both must be able to log in there (trust on loopback in
  // tests; a cluster in production authenticates them through pg_dist_authinfo or the coordinator's .pgpass). Roles
  // belong to the cluster, not to a database: only when not yet so (two databases placed at once would collide).
  for (const role of ['linli_app', 'linli_audit']) {
    const [found] = await exec(`SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = ${literal(role)}`);
    if (found && !found.rolcanlogin) await exec(`ALTER ROLE ${role} LOGIN`);
  }
  // An existing installation's tables come with rows (ADR 0009, "moving onto a cluster"); on the coordinator's
  // tables they stay where they are.
  const sharded = tables.filter((t) => isDistributed(t) || GLOBAL[t]?.[0] === 'reference');
  const filled = await tablesWithRows(exec, sharded);
  const triggers = await triggerSwitches(exec, filled, sharded);
  const script = [
    // Triggers on distributed and reference tables (rollups, append-only ledgers) are refused without it.
    'SET LOCAL citus.enable_unsafe_triggers = on',
    // DDL on many shards and then DML in one transaction: Citus asks for sequential mode to keep it in one connection.
    "SET LOCAL citus.multi_shard_modify_mode = 'sequential'",
    ...triggers.offForCopy,
    ...foreignKeys.drops,
    ...(await keyChanges(exec, distributed)),
    ...(await globalPlacements(
      exec,
      tables.filter((t) => !isDistributed(t)),
    )),
    ...[...distributed]
      .sort((a, b) => Number(b === ANCHOR) - Number(a === ANCHOR))
      .map((table, i) =>
        i === 0 && !anchorPlaced
          ? `SELECT create_distributed_table(${literal(table)}, 'area_code', shard_count => ${SHARD_COUNT}, colocate_with => 'none')`
          : `SELECT create_distributed_table(${literal(table)}, 'area_code', colocate_with => ${literal(ANCHOR)})`,
      ),
    ...foreignKeys.restores,
    // The rows now live in the shards; the coordinator's shell would keep a second copy of them.
    ...triggers.offForTruncate,
    ...filled.map((t) => `SELECT truncate_local_data_after_distributing_table(${literal(t)})`),
    ...triggers.on,
    ...privileges,
    ...(tables.includes('audit_pending') ? AUDIT_PENDING_ROW_GUARD : []),
  ];
  // One statement per EXECUTE of one DO block: one transaction, and Citus propagates each DDL command to the
  // workers by its own text, which it cannot do for a query string of several commands.
  await exec(`DO $place$ BEGIN\n${script.map((s) => `EXECUTE ${literal(s)};`).join('\n')}\nEND $place$`);
  // Later sessions too (a trigger created by a later migration); needs the database's owner, as migrations do.
  await exec(
    `DO $$ BEGIN
      EXECUTE format('ALTER DATABASE %I SET citus.enable_unsafe_triggers = on', current_database());
      -- A join of two distributed tables not on the community code works (slowly, by repartitioning) rather than
      -- failing; the hot paths join on area_code and name the community, so they stay on one shard (citus.test.ts).
      EXECUTE format('ALTER DATABASE %I SET citus.enable_repartition_joins = on', current_database());
    END $$`,
  );
  return tables;
}

/**
 * Tables listed as 'plain' that an earlier version added to Citus's metadata (the job tables were Citus-managed
 * until 2026-12-04): `undistribute_table` rebuilds each as a plain table with its rows, and the grants
 * are put back as they were (the rebuilt table takes the schema's default privileges, as a placed one does).
 */
async function unplacePlainTables(exec: ScriptRunner): Promise<void> {
  const plain = Object.keys(GLOBAL).filter((t) => GLOBAL[t]![0] === 'plain');
  const placed = (
    await exec(`SELECT c.relname AS name FROM pg_dist_partition p JOIN pg_catalog.pg_class c ON c.oid = p.logicalrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY (ARRAY[${plain.map(literal).join(',')}]::text[])`)
  ).map((r) => String(r.name));
  if (placed.length === 0) return;
  const privileges = await privilegeRestores(exec, placed);
  const script = [...placed.map((t) => `SELECT undistribute_table(${literal(t)})`), ...privileges];
  await exec(`DO $unplace$ BEGIN\n${script.map((s) => `EXECUTE ${literal(s)};`).join('\n')}\nEND $unplace$`);
}

/** The tables among `tables` that hold rows (an existing installation's, on its first start on a cluster). */
async function tablesWithRows(exec: ScriptRunner, tables: string[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    const [row] = await exec(`SELECT EXISTS (SELECT 1 FROM ONLY ${quote(table)}) AS filled`);
    if (row?.filled) filled.push(table);
  }
  return filled;
}

/**
 * Statements that switch triggers off while an existing installation's rows move, and back on. Citus creates each
 * shard with the table's triggers before it copies the rows in, so the copy fired the visits rollup trigger once more
 * for every visit ever recorded: every dashboard figure of a moved installation counted twice (found by
 * citus-migration.test.ts). So the INSERT triggers of the tables with rows are off before they are distributed (the
 * shards are created with them off). The shells are then emptied by TRUNCATE … CASCADE, which also reaches the empty
 * shells that reference them, where an append-only ledger's trigger refuses any TRUNCATE: the TRUNCATE triggers of
 * every table placed are off for that step only (switched off before distributing, they stayed off on the shards:
 * Citus does not carry ENABLE of a TRUNCATE trigger to them). Both come back on at the end.
 */
async function triggerSwitches(
  exec: ScriptRunner,
  filled: string[],
  placed: string[],
): Promise<{ offForCopy: string[]; offForTruncate: string[]; on: string[] }> {
  if (filled.length === 0) return { offForCopy: [], offForTruncate: [], on: [] };
  // tgtype bits (PostgreSQL's trigger.h): 4 INSERT, 32 TRUNCATE.
  const triggers = await exec(`SELECT c.relname AS tbl, t.tgname AS name, (t.tgtype & 4) <> 0 AS on_insert,
        (t.tgtype & 32) <> 0 AS on_truncate
      FROM pg_catalog.pg_trigger t
      JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgenabled <> 'D'
        AND c.relname = ANY (ARRAY[${placed.map(literal).join(',')}]::text[])
      ORDER BY 1, 2`);
  const alter = (verb: string) => (t: Row) =>
    `ALTER TABLE ${quote(String(t.tbl))} ${verb} TRIGGER ${quote(String(t.name))}`;
  const forCopy = triggers.filter((t) => t.on_insert && filled.includes(String(t.tbl)));
  const forTruncate = triggers.filter((t) => t.on_truncate && !forCopy.includes(t));
  return {
    offForCopy: forCopy.map(alter('DISABLE')),
    offForTruncate: forTruncate.map(alter('DISABLE')),
    on: [...forCopy, ...forTruncate].map(alter('ENABLE')),
  };
}

/** Tables of the schema that Citus does not know yet (placement places them; a test checks what is left). */
export const UNPLACED_TABLES = `SELECT c.relname AS name FROM pg_catalog.pg_class c
  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid)
  ORDER BY 1`;

/** Foreign keys whose two ends are distributed (same-community and cross-community ones). */
async function distributedForeignKeys(exec: ScriptRunner, distributed: string[]): Promise<Row[]> {
  if (distributed.length === 0) return [];
  return exec(`SELECT c.conname, ch.relname AS child, pa.relname AS parent, pg_get_constraintdef(c.oid) AS def,
      (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(num, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS child_cols,
      (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(num, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) AS parent_cols
    FROM pg_catalog.pg_constraint c
    JOIN pg_catalog.pg_class ch ON ch.oid = c.conrelid
    JOIN pg_catalog.pg_class pa ON pa.oid = c.confrelid
    WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
      AND ch.relname = ANY (ARRAY[${distributed.map(literal).join(',')}]::text[])
      AND NOT (pa.relname = ANY (ARRAY[${Object.keys(GLOBAL).map(literal).join(',')}]::text[]))
    ORDER BY 1`);
}

const columns = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : String(value).replace(/[{}]/g, '').split(',');

async function foreignKeyChanges(
  exec: ScriptRunner,
  distributed: string[],
): Promise<{ drops: string[]; restores: string[] }> {
  const fks = await distributedForeignKeys(exec, distributed);
  const restores = fks.flatMap((fk) => {
    const childCols = columns(fk.child_cols);
    // A same-community reference keeps its key with the community in front; a cross-community one cannot be kept.
    if (childCols.includes('area_code') || isCrossArea(fk)) return [];
    const def = String(fk.def)
      .replace(/^FOREIGN KEY \(([^)]*)\)/, 'FOREIGN KEY (area_code, $1)')
      .replace(/REFERENCES ([^(]+)\(([^)]*)\)/, 'REFERENCES $1(area_code, $2)')
      // A composite key cannot be set to NULL whole: the community code is NOT NULL. Only the reference is cleared.
      .replace(/ON DELETE SET NULL(?! \()/, `ON DELETE SET NULL (${childCols.map(quote).join(', ')})`);
    return [`ALTER TABLE ${quote(String(fk.child))} ADD CONSTRAINT ${quote(String(fk.conname))} ${def}`];
  });
  const drops = fks.map((fk) => `ALTER TABLE ${quote(String(fk.child))} DROP CONSTRAINT ${quote(String(fk.conname))}`);
  return { drops, restores };
}

function isCrossArea(fk: Row): boolean {
  return `${String(fk.child)}.${columns(fk.child_cols).join(',')} -> ${String(fk.parent)}` in CROSS_AREA_FKS;
}

/** Primary keys and unique indexes of the distributed tables, with `area_code` put in front where it is missing. */
async function keyChanges(exec: ScriptRunner, distributed: string[]): Promise<string[]> {
  if (distributed.length === 0) return [];
  const indexes = await exec(`SELECT t.relname AS tbl, i.relname AS idx, x.indisprimary AS is_primary,
      pg_get_indexdef(x.indexrelid) AS def, con.conname AS constraint_name,
      (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(num, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num) AS cols
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = x.indexrelid AND con.contype IN ('p', 'u')
    WHERE t.relnamespace = current_schema()::regnamespace AND x.indisunique
      AND t.relname = ANY (ARRAY[${distributed.map(literal).join(',')}]::text[])
    ORDER BY 1, 2`);
  return indexes
    .filter((ix) => !columns(ix.cols).includes('area_code'))
    .flatMap((ix) => {
      const table = quote(String(ix.tbl));
      const cols = columns(ix.cols);
      const drop = ix.constraint_name
        ? `ALTER TABLE ${table} DROP CONSTRAINT ${quote(String(ix.constraint_name))} CASCADE`
        : `DROP INDEX ${quote(String(ix.idx))}`;
      if (ix.is_primary)
        return [drop, `ALTER TABLE ${table} ADD PRIMARY KEY (area_code, ${cols.map(quote).join(', ')})`];
      const def = String(ix.def);
      const keepsUniqueness = String(UNIQUE_TO_CHANGE[String(ix.idx)] ?? '').includes('add area_code');
      const recreated = keepsUniqueness
        ? def.replace(/ USING (\w+) \(/, ' USING $1 (area_code, ')
        : def.replace(/^CREATE UNIQUE INDEX/, 'CREATE INDEX');
      return [drop, recreated];
    });
}

/**
 * Reference tables first (a parent before the tables that reference it), then the coordinator's tables. A table on
 * the coordinator must be known to Citus, not plain: a transaction that writes a worker and a plain local table
 * commits without two-phase commit (ADR 0009).
 */
async function globalPlacements(exec: ScriptRunner, globals: string[]): Promise<string[]> {
  if (globals.length === 0) return [];
  const edges = await exec(`SELECT ch.relname AS child, pa.relname AS parent FROM pg_catalog.pg_constraint c
      JOIN pg_catalog.pg_class ch ON ch.oid = c.conrelid JOIN pg_catalog.pg_class pa ON pa.oid = c.confrelid
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace AND ch.oid <> pa.oid`);
  const parents = new Map<string, string[]>();
  for (const e of edges) parents.set(String(e.child), [...(parents.get(String(e.child)) ?? []), String(e.parent)]);
  const ordered: string[] = [];
  const visit = (table: string) => {
    if (ordered.includes(table) || !globals.includes(table)) return;
    for (const parent of parents.get(table) ?? []) if (parent !== table) visit(parent);
    if (!ordered.includes(table)) ordered.push(table);
  };
  const reference = globals.filter((t) => GLOBAL[t]?.[0] === 'reference');
  const coordinator = globals.filter((t) => GLOBAL[t]?.[0] !== 'reference');
  reference.forEach(visit);
  return [
    ...ordered.map((t) => `SELECT create_reference_table(${literal(t)})`),
    ...coordinator.map(
      (t) =>
        `SELECT citus_add_local_table_to_metadata(${literal(t)}) WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = ${literal(t)}::regclass)`,
    ),
  ];
}

/** The roles whose grants the migrations set table by table (ADR 0006); the owner of a table is left alone. */
const GRANTEES = ['linli_app', 'linli_audit'];

/**
 * Statements that put back, after placement, exactly the privileges these roles hold on these tables now. Citus
 * places a table by moving its rows into a shard and creating a new shell table under the old name, and the shell
 * takes the schema's default privileges: linli_app would gain INSERT, UPDATE and DELETE on the audit tables and the
 * migration ledger (found by audit-chain.test.ts on the cluster). Revoking all and
 * granting again what was there, table and column grants alike, leaves each table as the migrations made it; Citus
 * propagates the grants to the shards and the workers.
 */
async function privilegeRestores(exec: ScriptRunner, tables: string[]): Promise<string[]> {
  const inTables = `ARRAY[${tables.map(literal).join(',')}]::text[]`;
  const inRoles = `ARRAY[${GRANTEES.map(literal).join(',')}]::text[]`;
  const held = await exec(`SELECT c.relname AS tbl, r.rolname AS grantee,
      string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS privileges
    FROM pg_catalog.pg_class c
    CROSS JOIN pg_catalog.pg_roles r
    LEFT JOIN LATERAL aclexplode(c.relacl) a ON a.grantee = r.oid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY (${inTables})
      AND r.rolname = ANY (${inRoles}) AND r.oid <> c.relowner
    GROUP BY c.relname, r.rolname ORDER BY 1, 2`);
  const columns = await exec(`SELECT c.relname AS tbl, r.rolname AS grantee, a.privilege_type AS privilege,
      string_agg(quote_ident(att.attname), ', ' ORDER BY att.attnum) AS cols
    FROM pg_catalog.pg_attribute att
    JOIN pg_catalog.pg_class c ON c.oid = att.attrelid
    CROSS JOIN LATERAL aclexplode(att.attacl) a
    JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY (${inTables})
      AND r.rolname = ANY (${inRoles}) AND att.attacl IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  return [
    ...held.flatMap((h) => {
      const table = quote(String(h.tbl));
      const role = quote(String(h.grantee));
      return [
        `REVOKE ALL ON ${table} FROM ${role}`,
        ...(h.privileges ? [`GRANT ${String(h.privileges)} ON ${table} TO ${role}`] : []),
      ];
    }),
    ...columns.map(
      (c) =>
        `GRANT ${String(c.privilege)} (${String(c.cols)}) ON ${quote(String(c.tbl))} TO ${quote(String(c.grantee))}`,
    ),
  ];
}

/**
 * The outbox guard of migration 0010 is a statement-level trigger: on a Citus-managed table the statement runs on its
 * shard, where only row-level triggers are copied, so the guard would never fire (audit-chain.test.ts found the owner
 * deleting pending rows on the cluster). A row-level twin keeps "pending rows leave only through audit_seal()" there;
 * one PostgreSQL keeps the cheaper statement-level check alone.
 */
const AUDIT_PENDING_ROW_GUARD = [
  `CREATE OR REPLACE FUNCTION audit_pending_row_guard() RETURNS trigger LANGUAGE plpgsql AS $guard$
  BEGIN
    IF TG_OP = 'DELETE' AND current_user = 'linli_audit' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_pending rows are moved only by the audit sealer';
  END $guard$`,
  // A table placed again (given back to PostgreSQL by hand, then placed) still has it.
  'DROP TRIGGER IF EXISTS audit_pending_row_guard ON audit_pending',
  `CREATE TRIGGER audit_pending_row_guard BEFORE UPDATE OR DELETE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_pending_row_guard()`,
];
