import { and, eq } from 'drizzle-orm';
import type { Role } from '@linli/contracts';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { users, usersWithRolesOver } from '../users';
import type { RequestRow } from './requests.repository';

const COMMUNITY_STAFF: Role[] = ['community_supervisor', 'community_worker', 'social_worker'];

/** The accounts that act for the request's unit (docs/requests.md "Units and who acts for them"). */
export async function unitUserIds(tx: DbOrTx, row: RequestRow): Promise<string[]> {
  if (!row.unitKind || !row.unitAreaCode) return [];
  if (row.unitKind === 'organisation') {
    if (!row.unitOrganisationId) return [];
    // Only partner members' accounts carry an organisation (users.organisation_id, migration 0016).
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.organisationId, row.unitOrganisationId), eq(users.status, 'active')));
    return rows.map((r) => r.id);
  }
  if (row.unitKind === 'street_department') return usersWithRolesOver(tx, ['street_officer'], row.unitAreaCode);
  if (row.unitKind === 'grid') return usersWithRolesOver(tx, ['grid_worker', ...COMMUNITY_STAFF], row.unitAreaCode);
  return usersWithRolesOver(tx, COMMUNITY_STAFF, row.unitAreaCode);
}

/** The street officers over the request's community (escalations). */
export function streetOfficerIds(tx: DbOrTx, row: RequestRow): Promise<string[]> {
  return usersWithRolesOver(tx, ['street_officer'], row.areaCode);
}

type Event =
  | 'request.assigned'
  | 'request.reminder'
  | 'request.escalated'
  | 'request.resolved'
  | 'request.rejected'
  | 'request.reopened';

/** One notification about a request: ids, number and codes only (never the requester's words or contact). */
export async function notifyRequest(
  ctx: AppContext,
  tx: DbOrTx,
  row: RequestRow,
  event: Event,
  userIds: string[],
  opts: { resident?: boolean; params?: Record<string, string | number>; urgent?: boolean } = {},
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await ctx.notifier.notify(tx, {
    userIds: ids,
    event,
    objectType: 'request',
    objectId: row.id,
    link: opts.resident ? `/m/requests/${row.id}` : `/requests/${row.id}`,
    areaCode: row.areaCode,
    params: { number: row.number, ...opts.params },
    urgent: opts.urgent ?? row.urgency === 'urgent',
  });
}

/** Tells the requester (a resident account), when there is one. */
export async function notifyRequester(
  ctx: AppContext,
  tx: DbOrTx,
  row: RequestRow,
  event: Event,
  params?: Record<string, string | number>,
): Promise<void> {
  if (!row.requesterUserId) return;
  await notifyRequest(ctx, tx, row, event, [row.requesterUserId], { resident: true, params, urgent: false });
}
