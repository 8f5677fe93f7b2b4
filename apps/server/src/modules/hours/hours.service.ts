import { randomUUID } from 'node:crypto';
import {
  type ClaimDecisionInput,
  type HourClaim,
  type HourClaimList,
  type HourEntry,
  type HourEntryList,
  type HourEntryListQuery,
  type ReverseInput,
  type ReverseResult,
  type VolunteerHours,
} from '@linli/contracts/modules/hours';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import {
  type TeamRef,
  type TeamSpell,
  findTeamInScope,
  findVolunteerInScope,
  teamMemberSpells,
  volunteerRefs,
} from '../volunteers';
import { bookEntry } from './hours-credit';
import { starStatus } from './hours-stars';
import { claimView, entryView } from './hours-view';
import { claimActions, entryActions, hoursPolicy } from './hours.policy';
import {
  type HourClaimRow,
  type HourEntryRow,
  decideHourClaim,
  findHourClaim,
  findHourEntry,
  findReversalOf,
  listHourClaims,
  listHourEntries,
  lockVolunteerHours,
  reversedAmong,
  volunteerTotalMinutes,
} from './hours.repository';

/** Masked names of the volunteers these rows name. */
export async function maskedNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const refs = await volunteerRefs(db, [...new Set(ids)]);
  return new Map([...refs].map(([id, ref]) => [id, ref.maskedName]));
}

/**
 * The team and its membership spells behind a `teamId` filter (undefined without one): the team must be in scope,
 * and a foreign team answers exactly like a missing one (404 hours.not_found, audited as a refusal).
 */
export async function teamFilter(
  ctx: AppContext,
  actor: Actor,
  query: { teamId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<{ team: TeamRef; spells: TeamSpell[] } | undefined> {
  if (!query.teamId) return undefined;
  const team = await findTeamInScope(ctx.db, actor, query.teamId);
  if (!team || !hoursPolicy.canRead(actor, team))
    throw deniedNotFound(ctx, actor, 'volunteer_team', [query.teamId], 'hours.not_found');
  return { team, spells: await teamMemberSpells(ctx.db, team.id, { from: query.from, to: query.to }) };
}

/**
 * A correction: a reversing entry for the whole of the original (negative minutes, the reason), and optionally a
 * corrected entry in its place. The original stays; one reversal per entry (a unique index backs the check).
 */
export async function reverseEntry(
  ctx: AppContext,
  tx: DbOrTx,
  actorId: string,
  entry: HourEntryRow,
  input: ReverseInput,
): Promise<{ reversal: HourEntryRow; corrected: HourEntryRow | null }> {
  if (entry.minutes < 0) throw new AppError('hours.not_reversible');
  await lockVolunteerHours(tx, entry.volunteerId);
  if (await findReversalOf(tx, entry.id)) throw new AppError('hours.already_reversed');
  const reversal = await bookEntry(ctx, tx, {
    ...entry,
    id: randomUUID(),
    minutes: -entry.minutes,
    source: 'correction',
    reversesEntryId: entry.id,
    reason: input.reason,
    confirmedBy: actorId,
  });
  const corrected = input.correctedMinutes
    ? await bookEntry(ctx, tx, {
        ...entry,
        id: randomUUID(),
        minutes: input.correctedMinutes,
        source: 'correction',
        participationId: null,
        claimId: null,
        reversesEntryId: null,
        reason: input.reason,
        confirmedBy: actorId,
      })
    : null;
  return { reversal, corrected };
}

/** Staff's use cases: the ledger, corrections, claims, star thresholds and certificate issuer details. */
export class HoursService {
  constructor(private readonly ctx: AppContext) {}

  private async entryDtos(actor: Actor, rows: HourEntryRow[]): Promise<HourEntry[]> {
    const [names, reversed] = await Promise.all([
      maskedNames(
        this.ctx.db,
        rows.map((r) => r.volunteerId),
      ),
      reversedAmong(
        this.ctx.db,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((r) => ({
      ...entryView(r, reversed.has(r.id)),
      volunteerName: names.get(r.volunteerId) ?? '—',
      allowedActions: entryActions(actor, r, reversed.has(r.id)),
    }));
  }

  private async claimDtos(actor: Actor, rows: HourClaimRow[]): Promise<HourClaim[]> {
    const names = await maskedNames(
      this.ctx.db,
      rows.map((r) => r.volunteerId),
    );
    return rows.map((r) => ({
      ...claimView(r),
      volunteerName: names.get(r.volunteerId) ?? '—',
      allowedActions: claimActions(actor, r),
    }));
  }

  private checkArea(actor: Actor, areaCode: string | undefined): void {
    if (areaCode && !hoursPolicy.canRead(actor, { areaCode }))
      throw deniedNotFound(this.ctx, actor, 'area', [areaCode], 'area.not_found');
  }

  async list(actor: Actor, query: HourEntryListQuery): Promise<HourEntryList> {
    this.checkArea(actor, query.areaCode);
    const team = await teamFilter(this.ctx, actor, query);
    const { rows, total, totalMinutes } = await listHourEntries(this.ctx.db, {
      prefixes: actor.scopePrefixes,
      ...query,
      spells: team?.spells,
    });
    auditRead(this.ctx, actor, {
      action: 'hours.list',
      objectType: 'hour_entry',
      objectIds: rows.map((r) => r.id),
      fields: ['minutes', 'content', 'service_date'],
    });
    return {
      items: await this.entryDtos(actor, rows),
      total,
      totalMinutes,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private async entryInScope(actor: Actor, id: string): Promise<HourEntryRow> {
    const row = await findHourEntry(this.ctx.db, id);
    if (!row || !hoursPolicy.canRead(actor, row))
      throw deniedNotFound(this.ctx, actor, 'hour_entry', [id], 'hours.not_found');
    return row;
  }

  async detail(actor: Actor, id: string): Promise<HourEntry> {
    const row = await this.entryInScope(actor, id);
    auditRead(this.ctx, actor, {
      action: 'hours.read',
      objectType: 'hour_entry',
      objectIds: [id],
      fields: ['minutes', 'content', 'service_date'],
    });
    return (await this.entryDtos(actor, [row]))[0]!;
  }

  async reverse(actor: Actor, id: string, input: ReverseInput): Promise<ReverseResult> {
    const entry = await this.entryInScope(actor, id);
    if (!hoursPolicy.canWrite(actor, entry))
      throw deniedNotFound(this.ctx, actor, 'hour_entry', [id], 'hours.not_found');
    const result = await this.ctx.db.transaction(async (tx) => {
      const booked = await reverseEntry(this.ctx, tx, actor.userId, entry, input);
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.reverse',
        objectType: 'hour_entry',
        objectIds: [entry.id, booked.reversal.id, ...(booked.corrected ? [booked.corrected.id] : [])],
        fields: ['minutes', 'reason'],
      });
      return booked;
    });
    const dtos = await this.entryDtos(actor, [result.reversal, ...(result.corrected ? [result.corrected] : [])]);
    return { reversal: dtos[0]!, corrected: dtos[1] ?? null };
  }

  async claims(
    actor: Actor,
    query: {
      status?: HourClaimRow['status'] | undefined;
      volunteerId?: string | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<HourClaimList> {
    const { rows, total } = await listHourClaims(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, {
      action: 'hours.claims_list',
      objectType: 'hour_claim',
      objectIds: rows.map((r) => r.id),
      fields: ['minutes', 'content', 'place'],
    });
    return { items: await this.claimDtos(actor, rows), total, page: query.page, pageSize: query.pageSize };
  }

  /** Approve (→ an entry booked by the claim's community, the staff's note kept) or decline (the note is the reason). */
  async decide(actor: Actor, id: string, approve: boolean, input: ClaimDecisionInput): Promise<HourClaim> {
    const claim = await findHourClaim(this.ctx.db, id);
    if (!claim || !hoursPolicy.canWrite(actor, claim))
      throw deniedNotFound(this.ctx, actor, 'hour_claim', [id], 'hours.not_found');
    await this.ctx.db.transaction(async (tx) => {
      const locked = await findHourClaim(tx, id, true);
      if (!locked || locked.status !== 'pending') throw new AppError('hours.claim_decided');
      const now = this.ctx.clock.now();
      let entryId: string | null = null;
      if (approve) {
        const entry = await bookEntry(this.ctx, tx, {
          id: randomUUID(),
          areaCode: locked.areaCode,
          volunteerId: locked.volunteerId,
          minutes: locked.minutes,
          source: 'self_report',
          activityId: null,
          participationId: null,
          claimId: locked.id,
          serviceDate: locked.serviceDate,
          content: locked.content,
          activityType: locked.activityType,
          organiserName: locked.organiserName,
          confirmedBy: actor.userId,
          reversesEntryId: null,
          reason: null,
        });
        entryId = entry.id;
      }
      const done = await decideHourClaim(tx, id, {
        status: approve ? 'approved' : 'declined',
        decisionNote: input.note,
        decidedBy: actor.userId,
        decidedAt: now,
        entryId,
      });
      if (!done) throw new AppError('hours.claim_decided');
      const ref = (await volunteerRefs(tx, [locked.volunteerId])).get(locked.volunteerId);
      if (ref)
        await this.ctx.notifier.notify(tx, {
          userIds: [ref.userId],
          event: 'hours.claim_decided',
          objectType: 'hour_claim',
          objectId: id,
          link: '/m/hours',
          areaCode: locked.areaCode,
        });
      await auditInTx(this.ctx, tx, actor, {
        action: approve ? 'hours.claim_approve' : 'hours.claim_decline',
        objectType: 'hour_claim',
        objectIds: entryId ? [id, entryId] : [id],
        fields: ['status', 'decision_note'],
      });
    });
    const row = (await findHourClaim(this.ctx.db, id))!;
    return (await this.claimDtos(actor, [row]))[0]!;
  }

  async volunteerHours(actor: Actor, volunteerId: string): Promise<VolunteerHours> {
    const ref = await findVolunteerInScope(this.ctx.db, actor, volunteerId);
    if (!ref) throw deniedNotFound(this.ctx, actor, 'volunteer', [volunteerId], 'hours.not_found');
    auditRead(this.ctx, actor, {
      action: 'hours.volunteer_read',
      objectType: 'volunteer',
      objectIds: [volunteerId],
      fields: ['minutes'],
    });
    return {
      volunteerId,
      totalMinutes: await volunteerTotalMinutes(this.ctx.db, volunteerId),
      stars: await starStatus(this.ctx.db, volunteerId, ref.areaCode),
    };
  }
}
