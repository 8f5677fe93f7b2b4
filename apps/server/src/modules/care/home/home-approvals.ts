import type { CareHome } from '@linli/contracts';
import { type Actor, hasPermission } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { casePolicy } from '../cases/cases.policy';
import { listCases } from '../cases/cases.repository';
import type { ClientVisibility } from '../clients/clients.repository';
import { exportPolicy } from '../exports/exports.policy';
import { listExportRequests } from '../exports/exports.repository';
import { tierChangePolicy } from '../tiers/tiers.policy';
import { tierChangesForApproval } from '../tiers/tiers.repository';

/**
 * The requests waiting on this person: the pending rows of each approval queue (the same reads as its page) that
 * their policy lets them decide now. A kind they cannot decide is null; no kind at all, null.
 */
export async function approvalsWaiting(
  db: DbOrTx,
  actor: Actor,
  visibility: ClientVisibility,
): Promise<CareHome['approvals']> {
  const may = (p: 'care.tier.approve' | 'care.case.approve' | 'care.export.approve') => hasPermission(actor, p);
  if (!may('care.tier.approve') && !may('care.case.approve') && !may('care.export.approve')) return null;
  const [tierChanges, plans, closures, exports] = await Promise.all([
    may('care.tier.approve') ? tierChangesForApproval(db, actor.scopePrefixes, 'pending') : null,
    may('care.case.approve') ? listCases(db, actor.scopePrefixes, visibility, 'plan_pending') : null,
    may('care.case.approve') ? listCases(db, actor.scopePrefixes, visibility, 'closure_pending') : null,
    may('care.export.approve') ? listExportRequests(db, actor.userId, actor.scopePrefixes, 'pending') : null,
  ]);
  return {
    tierChanges: tierChanges?.filter((r) => tierChangePolicy.approverHoldsArea(actor, r.change)).length ?? null,
    casePlans: plans?.filter((r) => casePolicy.canDecidePlan(actor, r.c)).length ?? null,
    caseClosures: closures?.filter((r) => casePolicy.canDecideClosure(actor, r.c)).length ?? null,
    exports: exports?.filter((r) => exportPolicy.canDecide(actor, r)).length ?? null,
  };
}
