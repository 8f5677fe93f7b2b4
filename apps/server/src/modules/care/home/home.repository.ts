import { inSameArea } from '../../../platform/colocated';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { caseTasks, cases } from '../cases/cases.tables';
import { clients } from '../clients/clients.tables';
import { referrals } from '../referrals/referrals.tables';
import { assessments } from '../tiers/tiers.tables';

// The 工作台's own reads (the worklist's visits and the dashboard's rollups come from their features' repositories).
// Each takes `visible`, the caller's visibleClients() condition, so it sees exactly the clients the actor may see.

/** A query's total rows beside its first `limit` (one round trip). */
const total = sql<number>`(count(*) over ())::int`;

/** The assignee's active, tiered clients with the day of their latest assessment (null: never assessed). */
export function assignedTieredClients(db: DbOrTx, visible: SQL, assigneeId: string) {
  return (
    db
      .select({
        id: clients.id,
        name: clients.name,
        tier: clients.tier,
        areaCode: clients.areaCode,
        // The China calendar date of the latest assessment, as text on every driver ('YYYY-MM-DD', chinaToday's form).
        // Not extract(epoch …): it computes in numeric, which cost 11–20 ms for a worker's ~200 clients on PGlite.
        lastAssessedOn: sql<string | null>`((max(${assessments.assessedAt}) AT TIME ZONE 'Asia/Shanghai')::date)::text`,
      })
      .from(clients)
      // A join and a grouping rather than a subquery per client: on Citus a correlated subquery reaches every shard
      // even when the clients are one community's, the join stays on that community's shard.
      .leftJoin(assessments, inSameArea(eq(assessments.clientId, clients.id), assessments, clients))
      .where(
        and(
          visible,
          eq(clients.assigneeId, assigneeId),
          eq(clients.status, 'active'),
          sql`${clients.tier} IS NOT NULL`,
        ),
      )
      .groupBy(clients.areaCode, clients.id)
      .orderBy(asc(clients.namePinyin))
      .limit(2000)
  );
}

/** Open tasks in active case plans that the person owns (or nobody owns, on their clients); earliest due first. */
export function openTasksOwnedBy(db: DbOrTx, visible: SQL, ownerId: string, limit: number) {
  return db
    .select({
      id: caseTasks.id,
      caseId: cases.id,
      clientId: clients.id,
      clientName: clients.name,
      title: caseTasks.title,
      dueDate: caseTasks.dueDate,
      total,
    })
    .from(caseTasks)
    .innerJoin(cases, inSameArea(eq(cases.id, caseTasks.caseId), cases, caseTasks))
    .innerJoin(clients, inSameArea(eq(clients.id, cases.clientId), clients, cases))
    .where(
      and(
        visible,
        or(eq(caseTasks.ownerId, ownerId), and(isNull(caseTasks.ownerId), eq(clients.assigneeId, ownerId))),
        isNull(caseTasks.doneAt),
        eq(cases.status, 'active'),
      ),
    )
    .orderBy(sql`${caseTasks.dueDate} ASC NULLS LAST`, asc(caseTasks.title), asc(caseTasks.id))
    .limit(limit);
}

/** Referrals of the person's clients, or sent by them, still waiting for an answer or a report back; oldest first. */
export function referralsWaitingOn(db: DbOrTx, visible: SQL, userId: string, limit: number) {
  return db
    .select({
      id: referrals.id,
      clientId: clients.id,
      clientName: clients.name,
      providerName: referrals.providerName,
      service: referrals.service,
      status: referrals.status,
      sentAt: referrals.sentAt,
      total,
    })
    .from(referrals)
    .innerJoin(clients, inSameArea(eq(clients.id, referrals.clientId), clients, referrals))
    .where(
      and(
        visible,
        inArray(referrals.status, ['sent', 'accepted']),
        or(eq(referrals.sentBy, userId), eq(clients.assigneeId, userId)),
      ),
    )
    .orderBy(asc(referrals.sentAt), asc(referrals.id))
    .limit(limit);
}

/** Active clients the actor may see, counted by tier (null: not yet assessed). */
export function activeClientsByTier(db: DbOrTx, visible: SQL) {
  return db
    .select({ tier: clients.tier, n: sql<number>`count(*)::int` })
    .from(clients)
    .where(and(visible, eq(clients.status, 'active')))
    .groupBy(clients.tier);
}
