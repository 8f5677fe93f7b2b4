import { type Actor, hasPermission, holdsEveryArea } from '../../../platform/access';
import type { CaseStatus } from './cases.repository';

interface CaseFacts {
  status: CaseStatus;
  areaCode: string;
}

const canWrite = (actor: Actor) => hasPermission(actor, 'care.case.write');
// An approver holds the case's whole community, not only a grid of it (F3).
const canApprove = (actor: Actor, c: CaseFacts) =>
  hasPermission(actor, 'care.case.approve') && holdsEveryArea(actor, [c.areaCode]);

/** The case's state machine per actor: draft → plan_pending → active → closure_pending → closed (→ reopened: active). */
export const casePolicy = {
  canEditPlan: (actor: Actor, c: CaseFacts) => canWrite(actor) && (c.status === 'draft' || c.status === 'active'),
  canDecidePlan: (actor: Actor, c: CaseFacts) => canApprove(actor, c) && c.status === 'plan_pending',
  canRequestClose: (actor: Actor, c: CaseFacts) => canWrite(actor) && c.status === 'active',
  canCompleteTask: (actor: Actor, c: CaseFacts) => canWrite(actor) && c.status === 'active',
  canDecideClosure: (actor: Actor, c: CaseFacts) => canApprove(actor, c) && c.status === 'closure_pending',
  canReopen: (actor: Actor, c: CaseFacts) => canWrite(actor) && c.status === 'closed',
};

export function allowedCaseActions(actor: Actor, c: CaseFacts): string[] {
  const actions: string[] = [];
  if (casePolicy.canEditPlan(actor, c)) actions.push('edit_plan');
  if (casePolicy.canDecidePlan(actor, c)) actions.push('decide_plan');
  if (casePolicy.canRequestClose(actor, c)) actions.push('request_close');
  if (casePolicy.canCompleteTask(actor, c)) actions.push('complete_task');
  if (casePolicy.canDecideClosure(actor, c)) actions.push('decide_closure');
  if (casePolicy.canReopen(actor, c)) actions.push('reopen');
  return actions;
}

/** Why an approval is refused: wrong state, or an approver who does not hold the case's community (F3). */
export function approvalRefusal(
  actor: Actor,
  c: CaseFacts,
  waiting: CaseStatus,
): 'care.invalid_state' | 'common.approver_scope' | 'common.forbidden' {
  if (c.status !== waiting) return 'care.invalid_state';
  if (hasPermission(actor, 'care.case.approve') && !holdsEveryArea(actor, [c.areaCode])) return 'common.approver_scope';
  return 'common.forbidden';
}
