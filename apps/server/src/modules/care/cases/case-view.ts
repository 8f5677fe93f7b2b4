import type { CaseDetail, NeedDomain } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import type { caseEventsOf, caseGoalsOf, caseTasksOf, CaseRow } from './cases.repository';
import { allowedCaseActions } from './cases.policy';

type Rows<F extends (...args: never[]) => PromiseLike<unknown[]>> = Awaited<ReturnType<F>>;

/** A case as its page shows it: the plan (goals, tasks and who did them) and its history. */
export function caseDetail(
  actor: Actor,
  row: CaseRow,
  clientName: string,
  parts: { goals: Rows<typeof caseGoalsOf>; tasks: Rows<typeof caseTasksOf>; events: Rows<typeof caseEventsOf> },
): CaseDetail {
  const { goals, tasks, events } = parts;
  return {
    id: row.id,
    clientId: row.clientId,
    clientName,
    communityCode: row.areaCode,
    status: row.status,
    openedAt: row.openedAt.toISOString(),
    closingReason: row.closingReason,
    version: row.version,
    allowedActions: allowedCaseActions(actor, row),
    goals: goals.map((g) => ({ id: g.id, domain: g.domain as NeedDomain, goal: g.goal })),
    tasks: tasks.map((t) => ({
      id: t.id,
      goalId: t.goalId,
      title: t.title,
      ownerId: t.ownerId,
      dueDate: t.dueDate,
      doneAt: t.doneAt?.toISOString() ?? null,
      doneVisitId: t.doneVisitId,
    })),
    events: events.map((e) => ({ kind: e.kind, note: e.note, at: e.at.toISOString() })),
  };
}

/** A case in the list. */
export function caseSummary(c: CaseRow, clientName: string) {
  return {
    id: c.id,
    clientId: c.clientId,
    clientName,
    communityCode: c.areaCode,
    status: c.status,
    openedAt: c.openedAt.toISOString(),
  };
}
