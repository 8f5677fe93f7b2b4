import type { AppContext } from '../../../platform/context';
import { addDays, chinaToday } from '../../../platform/dates';
import type { DbOrTx } from '../../../platform/db';
import { usersWithRolesOver } from '../../users';
import { policyFor } from '../policies/planning';
import { dailyCheckDone } from './daily-check.repository';
import { areasWithOverdue, plannedEndingOn } from './escalation-notice.repository';

declare module '../../../platform/events' {
  interface LinliEvents {
    /** A planned visit reached an escalation threshold today (ids and counts only). */
    'care.visit.escalated': { day: string; visitId: string; level: 'supervisor' | 'street'; overdueDays: number };
  }
}

export const ESCALATION_NOTICES = 'care.escalation_notices';

/** Who an escalation reaches: the community's supervisors, then the street's and district's officers. */
const ROLES_BY_LEVEL = {
  supervisor: ['community_supervisor'],
  street: ['street_officer', 'district_officer'],
} as const;

/**
 * Once per China calendar day: every planned visit whose overdue days reach the community's supervisor or street
 * threshold today (tier policy `escalation`) is told to those it escalates to ('visit.overdue_escalated'). The
 * threshold is crossed on one day only, so each visit is escalated once per level; the day's events mark it done.
 */
export async function runEscalationNotices(ctx: AppContext): Promise<number> {
  const today = chinaToday(ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    if (await dailyCheckDone(tx, 'care.visit.escalated', today)) return 0;
    let told = 0;
    for (const areaCode of await areasWithOverdue(tx, today)) {
      const { supervisorAfterDays, streetAfterDays } = (await policyFor(tx, areaCode)).rules.escalation;
      const levels = new Map<string, ['supervisor' | 'street', number]>([
        [addDays(today, -supervisorAfterDays), ['supervisor', supervisorAfterDays]],
        [addDays(today, -streetAfterDays), ['street', streetAfterDays]],
      ]);
      for (const visit of await plannedEndingOn(tx, areaCode, [...levels.keys()])) {
        const [level, days] = levels.get(visit.windowEnd)!;
        await tell(ctx, tx, { visitId: visit.id, areaCode, level, days, today });
        told++;
      }
    }
    return told;
  });
}

async function tell(
  ctx: AppContext,
  tx: DbOrTx,
  input: { visitId: string; areaCode: string; level: 'supervisor' | 'street'; days: number; today: string },
): Promise<void> {
  const userIds = await usersWithRolesOver(tx, ROLES_BY_LEVEL[input.level], input.areaCode);
  await ctx.events.emit(
    tx,
    'care.visit.escalated',
    { day: input.today, visitId: input.visitId, level: input.level, overdueDays: input.days },
    { actorId: null, areaCode: input.areaCode },
  );
  await ctx.notifier.notify(tx, {
    userIds,
    event: 'visit.overdue_escalated',
    areaCode: input.areaCode,
    objectType: 'visit',
    objectId: input.visitId,
    link: '/care/overdue',
    params: { days: input.days, level: input.level },
    urgent: input.level === 'street',
  });
}
