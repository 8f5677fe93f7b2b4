/**
 * Reading Citus plans (issue 14): how many tasks a statement runs as. One task is one shard group (or a reference
 * table); more is a fan-out; none is a table on the coordinator only. The single-shard test (test/citus.test.ts) and
 * the bench's single-shard check (bench/src/citus-check.ts) both judge statements this way.
 */

/** Statements EXPLAIN accepts and that reach tables (BEGIN, SET, COMMIT and the like are not). */
const EXPLAINABLE = /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i;

export function isExplainable(sqlText: string): boolean {
  return EXPLAINABLE.test(sqlText);
}

/** The "Task Count" of each distributed step in an EXPLAIN's rows (one `QUERY PLAN` column per row). */
export function taskCounts(planRows: Record<string, unknown>[]): number[] {
  const plan = planRows.map((r) => String(r['QUERY PLAN'])).join('\n');
  return [...plan.matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1]));
}

/** The statement shortened for a report, with its task counts. */
export function describeFanOut(sqlText: string, tasks: number[], width = 160): string {
  return `${sqlText.replace(/\s+/g, ' ').slice(0, width)} [tasks ${tasks.join(',')}]`;
}
