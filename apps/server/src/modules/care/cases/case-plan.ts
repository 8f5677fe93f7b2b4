import { randomUUID } from 'node:crypto';
import type { NeedDomain } from '@linli/contracts';
import type { DbOrTx } from '../../../platform/db';
import {
  allCaseGoals,
  deleteGoals,
  deleteOpenTasks,
  goalIdsWithTasks,
  insertGoals,
  insertTasks,
} from './cases.repository';

/** A case plan: goals per need domain, and tasks under them (by the goal's index). */
export interface PlanInput {
  goals: { domain: NeedDomain; goal: string }[];
  tasks: { goalIndex: number; title: string; ownerId?: string | undefined; dueDate?: string | undefined }[];
}

/** Replaces the plan: open tasks go, done tasks and the goals they belong to stay; new goals are numbered after the old. */
export async function writePlan(tx: DbOrTx, owner: { id: string; areaCode: string }, plan: PlanInput) {
  const { id: caseId, areaCode } = owner;
  await deleteOpenTasks(tx, caseId);
  const keptGoals = await goalIdsWithTasks(tx, caseId);
  const oldGoals = await allCaseGoals(tx, caseId);
  await deleteGoals(
    tx,
    oldGoals.filter((g) => !keptGoals.has(g.id)).map((g) => g.id),
  );
  const goalIds = plan.goals.map(() => randomUUID());
  await insertGoals(
    tx,
    plan.goals.map((g, i) => ({
      id: goalIds[i]!,
      caseId,
      areaCode,
      domain: g.domain,
      goal: g.goal,
      position: oldGoals.length + i,
    })),
  );
  await insertTasks(
    tx,
    plan.tasks.map((t) => ({
      id: randomUUID(),
      caseId,
      areaCode,
      goalId: goalIds[t.goalIndex] ?? null,
      title: t.title,
      ownerId: t.ownerId ?? null,
      dueDate: t.dueDate ?? null,
    })),
  );
}
