import { randomUUID } from 'node:crypto';
import { parseIdNumber } from '@linli/contracts';
import type {
  CorrectionAnswerInput,
  CorrectionList,
  RecordEntryInput,
  Volunteer,
  VolunteerList,
  VolunteerRecord,
} from '@linli/contracts/modules/volunteers';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { toCorrection, toMembership, toRecordEntry, toVolunteer } from './volunteer-view';
import { volunteersPolicy } from './volunteers.policy';
import {
  type VolunteerRow,
  answerCorrectionRow,
  correctionsOf,
  findCorrection,
  findVolunteerRow,
  insertRecordEntry,
  listVolunteerRows,
  openCorrections,
  recordEntriesOf,
  transitionVolunteer,
} from './volunteers.repository';
import { closeMembershipsOf, membershipsOfVolunteer } from './memberships.repository';

/** The whole record (67号令 art. 4) of one volunteer: basic information, teams, entries, corrections. */
export async function loadRecord(db: DbOrTx, actor: Actor | null, row: VolunteerRow): Promise<VolunteerRecord> {
  const [memberships, entries, corrections] = await Promise.all([
    membershipsOfVolunteer(db, row.id),
    recordEntriesOf(db, row.id),
    correctionsOf(db, row.id),
  ]);
  return {
    volunteer: toVolunteer(actor, row),
    memberships: memberships.map((m) => toMembership(m.member, m.team, row)),
    entries: entries.map(toRecordEntry),
    corrections: corrections.map((c) => toCorrection(c, row)),
  };
}

/** Parses an ID number of a resident ID card (birth date and gender follow from it). */
export function idFacts(idType: string, idNumber: string) {
  if (idType !== 'resident_id') return { normalised: idNumber.trim().toUpperCase(), birthDate: null, gender: null };
  const id = parseIdNumber(idNumber);
  return { normalised: id?.idNumber ?? idNumber.trim(), birthDate: id?.birthDate ?? null, gender: id?.sex ?? null };
}

/** Staff's use cases: the volunteers of their jurisdiction, confirming registrations, the record, corrections. */
export class VolunteersService {
  constructor(private readonly ctx: AppContext) {}

  async list(
    actor: Actor,
    query: {
      areaCode?: string | undefined;
      status?: string | undefined;
      teamId?: string | undefined;
      skill?: string | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<VolunteerList> {
    if (query.areaCode && !volunteersPolicy.canRead(actor, query.areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listVolunteerRows(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, {
      action: 'volunteers.list',
      objectType: 'volunteer',
      objectIds: rows.map((r) => r.id),
      fields: ['nameMasked', 'idNumberMasked', 'skills'],
    });
    const items = rows.map((r) => {
      const { name: _name, ...rest } = toVolunteer(actor, r);
      return rest;
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  private async readable(actor: Actor, id: string): Promise<VolunteerRow> {
    const row = await findVolunteerRow(this.ctx.db, id);
    if (!row || !volunteersPolicy.canRead(actor, row.areaCode))
      throw deniedNotFound(this.ctx, actor, 'volunteer', [id], 'volunteers.not_found');
    return row;
  }

  private async manageable(actor: Actor, id: string): Promise<VolunteerRow> {
    const row = await this.readable(actor, id);
    if (!volunteersPolicy.canManage(actor, row.areaCode))
      throw deniedNotFound(this.ctx, actor, 'volunteer', [id], 'volunteers.not_found');
    return row;
  }

  async record(actor: Actor, id: string, audit = true): Promise<VolunteerRecord> {
    const row = await this.readable(actor, id);
    if (audit)
      auditRead(this.ctx, actor, {
        action: 'volunteers.read',
        objectType: 'volunteer',
        objectIds: [id],
        fields: ['name', 'idNumberMasked', 'emergencyContactMasked', 'record'],
      });
    return loadRecord(this.ctx.db, actor, row);
  }

  private async move(
    actor: Actor,
    id: string,
    from: string[],
    status: Volunteer['status'],
    reason: string | null,
    action: 'volunteers.confirmed' | 'volunteers.rejected' | 'volunteers.status',
  ): Promise<VolunteerRecord> {
    const row = await this.manageable(actor, id);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const moved = await transitionVolunteer(tx, row, from, {
        status,
        statusReason: reason,
        decidedBy: actor.userId,
        decidedAt: now,
        updatedAt: now,
      });
      if (!moved) throw new AppError('volunteers.invalid_state');
      if (status === 'left') await closeMembershipsOf(tx, id, chinaToday(now), now, actor.userId);
      if (action !== 'volunteers.status') await this.tellDecision(tx, row, status === 'active');
      await auditInTx(this.ctx, tx, actor, {
        action,
        objectType: 'volunteer',
        objectIds: [row.id],
        fields: ['status'],
        detail: action === 'volunteers.status' ? `${row.status} → ${status}` : null,
      });
    });
    return this.record(actor, id, false);
  }

  /**
   * The resident hears of the decision on their registration, in the same transaction. The reason of a rejection is
   * free text and stays on /m/volunteer: notification params travel to SMS and webhooks and hold codes only.
   */
  private async tellDecision(tx: DbOrTx, row: VolunteerRow, confirmed: boolean) {
    await this.ctx.notifier.notify(tx, {
      userIds: [row.userId],
      event: confirmed ? 'volunteer.confirmed' : 'volunteer.rejected',
      objectType: 'volunteer',
      objectId: row.id,
      link: '/m/volunteer',
      areaCode: row.areaCode,
      params: {},
    });
  }

  confirm(actor: Actor, id: string) {
    return this.move(actor, id, ['pending'], 'active', null, 'volunteers.confirmed');
  }

  reject(actor: Actor, id: string, reason: string) {
    return this.move(actor, id, ['pending'], 'rejected', reason, 'volunteers.rejected');
  }

  setStatus(actor: Actor, id: string, status: 'suspended' | 'active' | 'left', reason: string) {
    const from = status === 'suspended' ? ['active'] : status === 'active' ? ['suspended'] : ['active', 'suspended'];
    return this.move(actor, id, from, status, reason, 'volunteers.status');
  }

  async addRecord(actor: Actor, id: string, input: RecordEntryInput): Promise<VolunteerRecord> {
    const row = await this.manageable(actor, id);
    const entryId = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertRecordEntry(tx, {
        id: entryId,
        areaCode: row.areaCode,
        volunteerId: row.id,
        kind: input.kind,
        onDate: input.onDate,
        title: input.title,
        byWhom: input.byWhom ?? null,
        minutes: input.kind === 'training' ? (input.minutes ?? null) : null,
        rating: input.kind === 'evaluation' ? (input.rating ?? null) : null,
        detail: input.detail ?? null,
        outcome: input.kind === 'complaint' ? (input.outcome ?? null) : null,
        createdBy: actor.userId,
        createdAt: this.ctx.clock.now(),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'volunteers.record_add',
        objectType: 'volunteer_record_entry',
        objectIds: [entryId, row.id],
        fields: ['kind', 'title'],
        detail: input.kind,
      });
    });
    return this.record(actor, id, false);
  }

  async corrections(actor: Actor): Promise<CorrectionList> {
    const rows = await openCorrections(this.ctx.db, actor.scopePrefixes);
    auditRead(this.ctx, actor, {
      action: 'volunteers.list',
      objectType: 'volunteer_correction',
      objectIds: rows.map((r) => r.correction.id),
      fields: ['requestText'],
    });
    return { items: rows.map((r) => toCorrection(r.correction, r.volunteer)) };
  }

  async answerCorrection(actor: Actor, correctionId: string, input: CorrectionAnswerInput): Promise<VolunteerRecord> {
    const row = await findCorrection(this.ctx.db, correctionId);
    if (!row || !volunteersPolicy.canManage(actor, row.areaCode))
      throw deniedNotFound(this.ctx, actor, 'volunteer_correction', [correctionId], 'volunteers.not_found');
    await this.ctx.db.transaction(async (tx) => {
      const answered = await answerCorrectionRow(tx, correctionId, {
        status: input.decision,
        answerText: input.answerText,
        answeredBy: actor.userId,
        answeredAt: this.ctx.clock.now(),
      });
      if (!answered) throw new AppError('volunteers.correction_answered');
      await auditInTx(this.ctx, tx, actor, {
        action: 'volunteers.correction_answer',
        objectType: 'volunteer_correction',
        objectIds: [correctionId, row.volunteerId],
        fields: ['status', 'answerText'],
        detail: input.decision,
      });
    });
    return this.record(actor, row.volunteerId, false);
  }
}
