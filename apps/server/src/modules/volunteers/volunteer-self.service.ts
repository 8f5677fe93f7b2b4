import { randomUUID } from 'node:crypto';
import {
  CONSENT_VERSION,
  type CorrectionInput,
  type CounterCode,
  type MyVolunteer,
  type OpenTeamList,
  type TeamDetail,
  type VolunteerRegistrationInput,
} from '@linli/contracts/modules/volunteers';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { maskIdNumber, maskName, maskPhone } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { ROTATION_MS, issueRotatingCode } from '../../platform/signed-codes';
import { findArea } from '../org';
import { changeMembership, loadTeamDetail } from './teams.service';
import { idFacts, loadRecord } from './volunteers.service';
import {
  type VolunteerRow,
  findRecordEntry,
  findTeamRow,
  findVolunteerRowByUser,
  insertCorrection,
  insertVolunteer,
  listTeamRows,
  reregisterVolunteer,
  teamsLedByUser,
  volunteerByIdNumber,
} from './volunteers.repository';
import { findMemberRow, insertMembership } from './memberships.repository';

/** The mask of a non-mainland document number: first two and last one character. */
function maskDocument(idType: string, normalised: string): string {
  if (idType === 'resident_id') return maskIdNumber(normalised) ?? '';
  if (normalised.length < 4) return '*'.repeat(normalised.length);
  return `${normalised.slice(0, 2)}${'*'.repeat(normalised.length - 3)}${normalised.slice(-1)}`;
}

/**
 * A resident's own volunteering on /m: register (staff confirm), the record, teams of the home community (ask to
 * join, leave), correction requests, the rotating counter code; a team leader decides join requests of their team.
 */
export class VolunteerSelfService {
  constructor(private readonly ctx: AppContext) {}

  private async mine(actor: Actor): Promise<VolunteerRow | null> {
    return findVolunteerRowByUser(this.ctx.db, actor.userId);
  }

  private async active(actor: Actor): Promise<VolunteerRow> {
    const row = await this.mine(actor);
    if (!row || row.status !== 'active') throw new AppError('volunteers.not_volunteer');
    return row;
  }

  async me(actor: Actor, audit = true): Promise<MyVolunteer> {
    const row = await this.mine(actor);
    if (!row) return { record: null, leads: [] };
    if (audit)
      auditRead(this.ctx, actor, {
        action: 'volunteers.mine_read',
        objectType: 'volunteer',
        objectIds: [row.id],
        fields: ['record'],
      });
    const leads = (await teamsLedByUser(this.ctx.db, actor.userId)).map((t) => t.id);
    return { record: await loadRecord(this.ctx.db, null, row), leads };
  }

  async register(actor: Actor, input: VolunteerRegistrationInput): Promise<MyVolunteer> {
    const home = actor.areaCodes[0];
    const area = home ? await findArea(this.ctx.db, home) : null;
    if (!area || area.status !== 'active' || area.level !== 'community') throw new AppError('volunteers.not_found');
    const existing = await this.mine(actor);
    if (existing && existing.status !== 'rejected' && existing.status !== 'left')
      throw new AppError('volunteers.already_registered');
    const facts = idFacts(input.idType, input.idNumber);
    const bidx = this.ctx.cipher.blindIndex(`${input.idType}:${facts.normalised}`);
    const holder = await volunteerByIdNumber(this.ctx.db, bidx);
    if (holder && holder.userId !== actor.userId)
      throw new AppError('volunteers.id_number_taken', [{ path: 'idNumber', code: 'field.invalid_value', params: {} }]);
    const now = this.ctx.clock.now();
    const fields = {
      areaCode: area.code,
      status: 'pending',
      name: input.name,
      nameMasked: maskName(input.name) ?? '*',
      idType: input.idType,
      idNumberEnc: this.ctx.cipher.encrypt(facts.normalised),
      idNumberBidx: bidx,
      idNumberMasked: maskDocument(input.idType, facts.normalised),
      gender: facts.gender ?? input.gender ?? null,
      birthDate: facts.birthDate ?? input.birthDate ?? null,
      skills: [...new Set(input.skills)],
      availability: [...new Set(input.availability)],
      emergencyNameEnc: this.ctx.cipher.encrypt(input.emergencyName),
      emergencyNameMasked: maskName(input.emergencyName) ?? '*',
      emergencyPhoneEnc: this.ctx.cipher.encrypt(input.emergencyPhone),
      emergencyPhoneMasked: maskPhone(input.emergencyPhone) ?? '',
      consentVersion: CONSENT_VERSION,
      consentedAt: now,
      statusReason: null,
      decidedBy: null,
      decidedAt: null,
      updatedAt: now,
    };
    const id = existing?.id ?? randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      if (existing) {
        if (!(await reregisterVolunteer(tx, existing, fields))) throw new AppError('volunteers.already_registered');
      } else {
        const inserted = await insertVolunteer(tx, { id, userId: actor.userId, createdAt: now, ...fields });
        if (!inserted) throw new AppError('volunteers.already_registered');
      }
      await auditInTx(this.ctx, tx, actor, {
        action: 'volunteers.registered',
        objectType: 'volunteer',
        objectIds: [id],
        fields: ['name', 'idNumber', 'skills', 'availability', 'emergencyContact', 'consent'],
      });
    });
    return this.me(actor, false);
  }

  async counterCode(actor: Actor): Promise<CounterCode> {
    const row = await this.active(actor);
    const code = issueRotatingCode(this.ctx.keys, 'volunteer.counter', row.id, this.ctx.clock.now());
    return { code: code.code, rotatesAt: code.rotatesAt.toISOString(), periodMs: ROTATION_MS };
  }

  async openTeams(actor: Actor): Promise<OpenTeamList> {
    const row = await this.active(actor);
    const rows = await listTeamRows(this.ctx.db, { prefixes: [row.areaCode] });
    return {
      items: rows
        .filter((r) => r.team.status === 'active' && r.team.areaCode === row.areaCode)
        .map((r) => ({
          id: r.team.id,
          name: r.team.name,
          colour: r.team.colour as OpenTeamList['items'][number]['colour'],
          description: r.team.description,
          memberCount: r.members,
        })),
    };
  }

  async join(actor: Actor, teamId: string): Promise<MyVolunteer> {
    const row = await this.active(actor);
    const team = await findTeamRow(this.ctx.db, teamId);
    if (!team || team.areaCode !== row.areaCode || team.status !== 'active')
      throw deniedNotFound(this.ctx, actor, 'volunteer_team', [teamId], 'volunteers.not_found');
    const memberId = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      const added = await insertMembership(tx, {
        id: memberId,
        areaCode: team.areaCode,
        teamId,
        volunteerId: row.id,
        role: 'member',
        status: 'requested',
        requestedAt: this.ctx.clock.now(),
      });
      if (!added) throw new AppError('volunteers.already_member');
      await auditInTx(this.ctx, tx, actor, {
        action: 'volunteers.team_join_request',
        objectType: 'volunteer_membership',
        objectIds: [memberId, teamId, row.id],
      });
    });
    return this.me(actor, false);
  }

  /** Leave a team (or withdraw a join request): the spell keeps its dates. */
  async leave(actor: Actor, memberId: string): Promise<MyVolunteer> {
    const row = await this.mine(actor);
    const member = await findMemberRow(this.ctx.db, memberId);
    if (!row || !member || member.volunteerId !== row.id)
      throw deniedNotFound(this.ctx, actor, 'volunteer_membership', [memberId], 'volunteers.not_found');
    await changeMembership(this.ctx, actor, member, { kind: 'leave' });
    return this.me(actor, false);
  }

  async requestCorrection(actor: Actor, input: CorrectionInput): Promise<MyVolunteer> {
    const row = await this.mine(actor);
    if (!row) throw new AppError('volunteers.not_volunteer');
    if (input.entryId) {
      const entry = await findRecordEntry(this.ctx.db, input.entryId);
      if (!entry || entry.volunteerId !== row.id)
        throw new AppError('volunteers.not_found', [{ path: 'entryId', code: 'field.invalid_value', params: {} }]);
    }
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertCorrection(tx, {
        id,
        areaCode: row.areaCode,
        volunteerId: row.id,
        part: input.part,
        entryId: input.entryId ?? null,
        requestText: input.requestText,
        status: 'open',
        createdAt: this.ctx.clock.now(),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'volunteers.correction_request',
        objectType: 'volunteer_correction',
        objectIds: [id, row.id],
        fields: ['part', 'requestText'],
      });
    });
    return this.me(actor, false);
  }

  // --- a team leader on /m ---------------------------------------------------------------------------------------

  private async ledTeam(actor: Actor, teamId: string) {
    const led = await teamsLedByUser(this.ctx.db, actor.userId);
    const team = led.find((t) => t.id === teamId);
    if (!team) throw deniedNotFound(this.ctx, actor, 'volunteer_team', [teamId], 'volunteers.not_found');
    return team;
  }

  async ledTeamDetail(actor: Actor, teamId: string): Promise<TeamDetail> {
    const team = await this.ledTeam(actor, teamId);
    auditRead(this.ctx, actor, {
      action: 'volunteers.read',
      objectType: 'volunteer_team',
      objectIds: [teamId],
      fields: ['members'],
    });
    return loadTeamDetail(this.ctx.db, actor, team);
  }

  async leaderDecide(actor: Actor, memberId: string, approve: boolean): Promise<TeamDetail> {
    const member = await findMemberRow(this.ctx.db, memberId);
    const led = await teamsLedByUser(this.ctx.db, actor.userId);
    const team = member ? led.find((t) => t.id === member.teamId) : undefined;
    if (!member || !team)
      throw deniedNotFound(this.ctx, actor, 'volunteer_membership', [memberId], 'volunteers.not_found');
    await changeMembership(this.ctx, actor, member, { kind: 'decide', approve });
    return loadTeamDetail(this.ctx.db, actor, team);
  }
}
