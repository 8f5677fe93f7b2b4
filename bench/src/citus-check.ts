// On a Citus cluster (issue 14): does each worker path stay on one shard group? Every statement a workload's raw
// replay sends (the server's own SQL, captured from its repository functions) is EXPLAINed before it runs, and Citus's
// "Task Count" read off the plan: 1 is one shard group (or a reference table), more is a fan-out, none is a table on
// the coordinator (the audit outbox, sessions). test/citus.test.ts checks the same of the real server's statements.
import { describeFanOut, isExplainable, taskCounts } from '../../apps/server/src/platform/citus-explain';
import type { Engine } from './engine';

export interface ShardCheck {
  workload: string;
  /** Statements explained (BEGIN/COMMIT and the like are not). */
  statements: number;
  /** Of those, how many Citus runs as exactly one task. */
  singleTask: number;
  /** Of those, how many ran on the coordinator only (no distributed or reference table). */
  coordinatorOnly: number;
  /** The statements that fan out, shortened, with their task counts. */
  multiTask: string[];
}

/**
 * An engine that records each statement it runs (both `query` and the statements of `withConnection`, so hand-written
 * paths such as record visit are seen like captured ones); `explainInto` then EXPLAINs them afterwards, on their own
 * connection and outside the call's transaction (Citus refuses a plan of a placement the same transaction wrote
 * over another connection).
 */
export function recording(engine: Engine): { engine: Engine; explainInto: (into: ShardCheck) => Promise<void> } {
  const seen: { text: string; params?: unknown[] }[] = [];
  const note = (text: string, params?: unknown[]) => {
    if (isExplainable(text)) seen.push({ text, params });
  };
  const wrapped: Engine = {
    ...engine,
    async query(text, params) {
      note(text, params);
      return engine.query(text, params);
    },
    withConnection: (fn) =>
      engine.withConnection((q) =>
        fn(async (text, params) => {
          note(text, params);
          return q(text, params);
        }),
      ),
  };
  const explainInto = async (into: ShardCheck) => {
    for (const { text, params } of seen) {
      const tasks = taskCounts(await engine.query(`EXPLAIN ${text}`, params));
      into.statements += 1;
      if (tasks.length === 0) into.coordinatorOnly += 1;
      else if (tasks.every((n) => n === 1)) into.singleTask += 1;
      else into.multiTask.push(describeFanOut(text, tasks, 140));
    }
  };
  return { engine: wrapped, explainInto };
}

export function emptyCheck(workload: string): ShardCheck {
  return { workload, statements: 0, singleTask: 0, coordinatorOnly: 0, multiTask: [] };
}

/** One line per workload for the printed report. */
export function shardCheckLines(checks: ShardCheck[]): string[] {
  return [
    'Single-shard check (EXPLAIN of every statement of one call, Citus "Task Count"):',
    ...checks.map(
      (c) =>
        `- ${c.workload}: ${c.statements} statements, ${c.singleTask} one task, ${c.coordinatorOnly} on the coordinator only, ${c.multiTask.length} fan out${c.multiTask.length ? `: ${c.multiTask.join('; ')}` : ''}`,
    ),
  ];
}
