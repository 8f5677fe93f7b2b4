import type { Permission } from '@linli/contracts';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { usersHoldingPermissionOver } from '../users';

/**
 * Tells everyone who may decide an approval in its area that it waits for them ('approval.waiting' in their inbox
 * and on the channels they chose), in the requester's transaction; never the requester, who may not approve it.
 */
export async function tellApprovers(
  ctx: AppContext,
  tx: DbOrTx,
  input: {
    permission: Permission;
    areaCode: string;
    requestedBy: string;
    kind: 'tier_change' | 'case_plan' | 'case_closure' | 'export';
    objectType: string;
    objectId: string;
    link: string;
  },
): Promise<void> {
  const userIds = await usersHoldingPermissionOver(tx, input.permission, input.areaCode, input.requestedBy);
  await ctx.notifier.notify(tx, {
    userIds,
    event: 'approval.waiting',
    areaCode: input.areaCode,
    objectType: input.objectType,
    objectId: input.objectId,
    link: input.link,
    params: { kind: input.kind },
  });
}
