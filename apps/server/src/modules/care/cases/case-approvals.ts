import type { ApprovalView, CaseApproval } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditRead } from '../../../platform/context';
import { clientVisibility } from '../clients/clients.policy';
import { staffNames } from '../tiers/tiers.repository';
import {
  type CaseRow,
  decidedCaseApprovals,
  goalCountsOf,
  pendingCaseApprovals,
  requestEventsOf,
} from './cases.repository';

type Event = Awaited<ReturnType<typeof requestEventsOf>>[number];

const DECISIONS: Record<string, { kind: CaseApproval['kind']; status: CaseApproval['status'] }> = {
  plan_approved: { kind: 'plan', status: 'approved' },
  plan_rejected: { kind: 'plan', status: 'rejected' },
  closed: { kind: 'closure', status: 'approved' },
  closure_rejected: { kind: 'closure', status: 'rejected' },
};

/** The request a decision answered (or a pending case waits on): the case's latest request event before `before`. */
function requestOf(events: Event[], caseId: string, kind: CaseApproval['kind'], before?: Date): Event | undefined {
  const wanted = kind === 'closure' ? ['close_requested'] : ['opened', 'plan_revised'];
  return events.filter((e) => e.caseId === caseId && wanted.includes(e.kind) && (!before || e.at <= before)).at(-1);
}

/**
 * The supervisor's queue of case plans and closures: those waiting in their jurisdiction, or those decided there
 * (已处理: who decided, when, the decision and its note).
 */
export async function caseApprovals(ctx: AppContext, actor: Actor, view: ApprovalView): Promise<CaseApproval[]> {
  const visibility = clientVisibility(actor, ctx.clock.now());
  const rows: {
    c: CaseRow;
    name: string;
    decision?: { id: string; kind: string; note: string | null; actorId: string | null; at: Date };
  }[] =
    view === 'pending'
      ? await pendingCaseApprovals(ctx.db, actor.scopePrefixes, visibility)
      : (await decidedCaseApprovals(ctx.db, actor.scopePrefixes, visibility)).map(({ e, c, name }) => ({
          c,
          name,
          decision: e,
        }));
  const caseIds = [...new Set(rows.map((r) => r.c.id))];
  const [events, goals] = await Promise.all([requestEventsOf(ctx.db, caseIds), goalCountsOf(ctx.db, caseIds)]);
  const items = rows.map(({ c, name, decision }) => {
    const outcome = decision ? DECISIONS[decision.kind]! : null;
    const kind = outcome?.kind ?? (c.status === 'closure_pending' ? 'closure' : 'plan');
    const request = requestOf(events, c.id, kind, decision?.at);
    return { c, name, decision, kind, status: outcome?.status ?? ('pending' as const), request };
  });
  const names = await staffNames(
    ctx.db,
    items.flatMap((i) => [i.request?.actorId ?? null, i.decision?.actorId ?? null]),
  );
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
  auditRead(ctx, actor, {
    action: 'case.approvals.list',
    objectType: 'case',
    objectIds: caseIds,
    fields: ['clientName', 'status', 'reason'],
    detail: view,
  });
  return items.map((i) => ({
    id: i.decision?.id ?? i.c.id,
    caseId: i.c.id,
    clientId: i.c.clientId,
    clientName: i.name,
    communityCode: i.c.areaCode,
    kind: i.kind,
    status: i.status,
    goalCount: goals.get(i.c.id) ?? 0,
    reason: i.kind === 'closure' ? (i.request?.note ?? null) : null,
    requestedBy: nameOf(i.request?.actorId),
    requestedAt: i.request?.at.toISOString() ?? null,
    decidedBy: nameOf(i.decision?.actorId),
    decidedAt: i.decision?.at.toISOString() ?? null,
    decisionNote: i.decision?.note ?? null,
  }));
}
